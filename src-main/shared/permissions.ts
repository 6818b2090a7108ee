// Roles and permissions (issue 18, PIPL Art. 51): each contract method declares the permission it
// needs (src-main/contract, `method<O>(needs)`), the router checks it against the signed-in
// operator's role before dispatch, and the renderer hides what a role cannot use. One table, so
// that the check and what the pages show cannot disagree.

export const ROLES = ['admin', 'clerk', 'claims', 'reader'] as const;
export type Role = (typeof ROLES)[number];

/** Who is signed in, as the renderer and the router see them. */
export interface SignedInOperator {
  id: number;
  name: string;
  role: Role;
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  clerk: '经办',
  claims: '药费报销',
  reader: '只读',
};

/** What each role is for, as the operators page explains it. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: '全部功能，包括系统设置、操作员、恢复备份、撤销导入',
  clerk: '人员档案、走访慰问、信函、信访、组织网络、活动学习',
  claims: '药费报销、报销政策、支付批次，并可查阅人员档案',
  reader: '只能查阅和打印',
};

export const PERMISSIONS = [
  /** Before anyone has signed in: the app's state, signing in, the first start. */
  'open',
  /** The first start's setup: open while no operator exists, an administrator's after. */
  'setup',
  /** Any signed-in operator: their own password, a background job's progress. */
  'signedIn',
  /** Viewing and printing: every role. */
  'read',
  /**
   * Revealing one masked field of one file (an ID number, a phone, a bank account) for a reason,
   * logged: those who handle the files and the claims. 只读 views and prints the masked values.
   */
  'reveal',
  /** Changing the files: people, visits, letters, petitions, organisation, activities, the roster import. */
  'files.write',
  /** A list of people leaving the machine as a spreadsheet. */
  'files.export',
  /** Claims, policies and payment batches. */
  'claims.write',
  /** A claims list or a payment list (bank accounts) as a spreadsheet. */
  'claims.export',
  /** Settings, operators, restoring a backup, undoing an import, the access log. */
  'admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The permissions a signed-in role holds ('open' and 'setup' are decided without one). */
const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  clerk: ['open', 'signedIn', 'read', 'reveal', 'files.write', 'files.export'],
  claims: ['open', 'signedIn', 'read', 'reveal', 'claims.write', 'claims.export'],
  reader: ['open', 'signedIn', 'read'],
};

/** Whether an operator of `role` (null: nobody signed in) may call a method that needs `needs`. */
export function mayUse(role: Role | null, needs: Permission, noOperatorYet = false): boolean {
  if (needs === 'open') return true;
  if (needs === 'setup') return noOperatorYet || role === 'admin';
  return role !== null && GRANTS[role].includes(needs);
}

/** The refusal's words: what the role may not do. */
export function forbiddenMessage(role: Role | null): string {
  return role === null
    ? '请先登录（输入姓名和密码）后再操作'
    : `无权限：当前操作员的角色是“${ROLE_LABELS[role]}”，不能进行此项操作。如需办理，请联系管理员`;
}
