// Who is signed in, for the pages: what their role may use (the contract's own declaration of each
// method, shared/permissions.ts), so that a page hides the buttons a role cannot use and says so
// when it is reached by a link. The router checks every call anyway: this only keeps the screen honest.
import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { contract, type MethodName } from '../../src-main/contract';
import type { SignedInOperator } from '../../src-main/contract/operators';
import { mayUse, ROLE_LABELS } from '../../src-main/shared/permissions';
import { useRpc } from './rpc';

/** The operator signed in (from app.info, which the shell has read before any page shows). */
export function useOperator(): SignedInOperator | null {
  return useRpc('app.info', {}).data?.operator ?? null;
}

/** Whether the signed-in operator's role may call `method`. */
export function useCan(method: MethodName): boolean {
  const operator = useOperator();
  return mayUse(operator?.role ?? null, contract[method].needs);
}

/** Shows `children` only to a role that may call `method`. */
export function Can({ method, children }: { method: MethodName; children: ReactNode }) {
  return useCan(method) ? children : null;
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
