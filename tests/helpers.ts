// Real SQLite files in a fresh temporary folder for each test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RpcError } from '../src-main/shared/errors';
import type { InputOf } from '../src-main/contract';
import { PersonInput } from '../src-main/contract/retirees';
import { dispatch } from '../src-main/router';
import { AppContext } from '../src-main/app/context';
import type { ProcessLauncher } from '../src-main/jobs/launcher';
import { saveOfficeSettings } from '../src-main/settings/settings';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'retiree-test-'));
}

export async function freshContext(options: { configured?: boolean; launcher?: ProcessLauncher } = {}): Promise<AppContext> {
  const ctx = await AppContext.start({ dbPath: path.join(tempDir(), 'office.sqlite'), launcher: options.launcher });
  if (options.configured !== false) saveOfficeSettings(ctx.store, { orgName: '测试集团离退休管理办公室', operatorName: '王干事' });
  return ctx;
}

export function person(fields: Partial<InputOf<'retirees.create'>['person']> = {}): PersonInput {
  return PersonInput.parse({ name: '张桂兰', category: '退休', ...fields });
}

/** The router, as every IPC call reaches it: the value of a call, or the refusal it gives. */
export function router(ctx: () => AppContext) {
  return {
    async call<T>(method: string, input: unknown): Promise<T> {
      const r = await dispatch(ctx(), method, input, () => {});
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
    async refusal(method: string, input: unknown): Promise<RpcError> {
      const r = await dispatch(ctx(), method, input, () => {});
      if (r.ok) throw new Error(`${method} was not refused`);
      return r.error;
    },
  };
}
