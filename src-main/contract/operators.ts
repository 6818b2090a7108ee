// The contract of operators and signing in (issue 18): the log-in, the first administrator's
// password of an existing office, the recovery code, an operator's own password, and the
// administrator's list of operators with their roles.
import { z } from 'zod';
import { ROLES, type SignedInOperator } from '../shared/permissions';
import type { AppInfo } from './app';
import { Empty, chars, id, method } from './common';

export type { SignedInOperator };

export interface OperatorView extends SignedInOperator {
  roleLabel: string;
  active: boolean;
  createdAt: string;
  changedAt: string;
}

/** A first start, a recovery: the app as it is now, and the recovery code shown once. */
export interface WithRecoveryCode {
  info: AppInfo;
  recoveryCode: string;
}

export const operatorName = z.string().trim().min(1, '请填写姓名').max(50, '姓名不能超过 50 个字');
const password = z.string().min(1, '请填写密码').max(128, '密码不能超过 128 位');

/** A new password, typed twice, beside the call's other fields. */
export const withNewPassword = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...shape, password: password.min(8, '密码至少 8 位'), password2: z.string().max(128) })
    .refine((v) => (v as { password: string }).password === (v as { password2: string }).password2, {
      message: '两次输入的密码不一致',
      path: ['password2'],
    });

const role = z.enum(ROLES, { error: '请选择角色' });

export const operatorsMethods = {
  'auth.login': method<AppInfo>()(z.object({ name: operatorName, password }), 'open'),
  'auth.logout': method<AppInfo>()(Empty, 'open'),
  /** An office set up before operators existed: its operator's administrator password. */
  'auth.firstPassword': method<WithRecoveryCode>()(withNewPassword({}), 'open'),
  'auth.recover': method<WithRecoveryCode>()(
    withNewPassword({ code: chars(40).min(1, '请填写恢复码'), name: operatorName }),
    'open',
  ),
  'auth.changePassword': method<{ changed: true }>()(withNewPassword({ current: password }), 'signedIn'),
  'operators.list': method<OperatorView[]>()(Empty, 'admin'),
  'operators.create': method<OperatorView>()(withNewPassword({ name: operatorName, role }), 'admin'),
  'operators.update': method<OperatorView>()(
    z.object({ id, role: role.optional(), active: z.boolean().optional() }),
    'admin',
  ),
  'operators.resetPassword': method<OperatorView>()(withNewPassword({ id }), 'admin'),
  'operators.newRecoveryCode': method<{ recoveryCode: string }>()(Empty, 'admin'),
  'settings.idleLock': method<AppInfo>()(
    z.object({ minutes: z.number().int().min(1, '至少 1 分钟').max(240, '最多 240 分钟') }),
    'admin',
  ),
} as const;
