// Who is signed in, for the pages: what their role may use (the contract's own declaration of each
// method, shared/permissions.ts), so that a page hides the buttons a role cannot use and says so
// when it is reached by a link. A page names the CALL a button makes (`<Can method="retirees.update">`),
// never the roles that may press it: the contract says who may, in one place. The router checks
// every call anyway: this only keeps the screen honest.
import { Alert, Text } from '@mantine/core';
import { createContext, use, type ReactNode } from 'react';
import { contract, type MethodName } from '../../src-main/contract';
import type { SignedInOperator } from '../../src-main/contract/operators';
import { mayUse, ROLE_LABELS } from '../../src-main/shared/permissions';

const OperatorContext = createContext<SignedInOperator | null>(null);

/**
 * Who is signed in, given to every page by the app (from app.info, which it reads before any page
 * shows, and again after a sign-in or a lock): a page asks no call of its own to know it.
 */
export function OperatorProvider({ operator, children }: { operator: SignedInOperator | null; children: ReactNode }) {
  return <OperatorContext value={operator}>{children}</OperatorContext>;
}

/** The operator signed in; null outside OperatorProvider (nobody: nothing that changes data shows). */
export function useOperator(): SignedInOperator | null {
  return use(OperatorContext);
}

/** Whether the signed-in operator's role may call `method`. */
export function useCan(method: MethodName): boolean {
  return useMayCall()(method);
}

/** The same question for a list decided at once (a page's tabs, each the call it is for). */
export function useMayCall(): (method: MethodName) => boolean {
  const role = useOperator()?.role ?? null;
  return (method) => mayUse(role, contract[method].needs);
}

/**
 * Shows `children` only to a role that may call `method`. `otherwise`, where a section vanishing
 * without a word would confuse: words are what the role cannot do, said in a quiet line
 * (您的角色（只读）不能修改档案，只能查阅和打印); anything else is shown as it is (未办理).
 */
export function Can({
  method,
  children,
  otherwise = null,
}: {
  method: MethodName;
  children: ReactNode;
  otherwise?: ReactNode;
}) {
  if (useCan(method)) return children;
  return typeof otherwise === 'string' ? <RoleNote>{otherwise}</RoleNote> : otherwise;
}

/** The quiet line: the signed-in role, then what it cannot do here. */
export function RoleNote({ children }: { children: ReactNode }) {
  const operator = useOperator();
  return (
    <Text c="dimmed" size="sm" role="note">
      您的角色（{operator ? ROLE_LABELS[operator.role] : '未登录'}）{children}
    </Text>
  );
}

/**
 * A form a role may read but not change: its fields shown as they are and disabled (a disabled
 * fieldset disables every control in it), for a role that may not call `method`. The buttons that
 * change the form are hidden by `<Can>` where they are.
 */
export function Editable({ method, children }: { method: MethodName; children: ReactNode }) {
  const can = useCan(method);
  return (
    <fieldset disabled={!can} className="editable">
      {children}
    </fieldset>
  );
}

/** What a page reached by a link says to a role that may not open it. */
export function NoPermission({ what }: { what: string }) {
  const operator = useOperator();
  const role = operator ? ROLE_LABELS[operator.role] : '未登录';
  return (
    <Alert color="orange" title="无权限">
      无权限：当前操作员（{operator?.name ?? '未登录'}，{role}）不能使用“{what}”。如需办理，请联系管理员。
    </Alert>
  );
}
