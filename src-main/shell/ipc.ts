// The one IPC channel: 'rpc'. A call is answered only when it comes from the app's own main frame
// in the app's own window (VS Code's ipcMain.ts refuses unexpected senders the same way); its
// input is then parsed by the contract's zod schema inside `dispatch`.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { RpcResult } from '../contract/common';
import { isAppUrl } from './security';

export const RPC_CHANNEL = 'rpc';

export type Dispatch = (method: string, input: unknown) => Promise<RpcResult<unknown>>;

/** Why an IPC event is refused, or null when it comes from the app's main frame. */
export function refusal(event: IpcMainInvokeEvent, trusted: () => WebContents | null): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'no sender frame';
  const window = trusted();
  if (!window || event.sender !== window) return 'sender is not the app window';
  if (frame !== event.sender.mainFrame) return 'sender is a sub-frame';
  if (!isAppUrl(frame.url)) return `sender URL ${frame.url} is not the app`;
  return null;
}

export function registerRpc(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  trusted: () => WebContents | null,
  log: (m: string) => void,
): void {
  ipcMain.handle(RPC_CHANNEL, async (event, method: unknown, input: unknown): Promise<RpcResult<unknown>> => {
    const why = refusal(event, trusted);
    if (why) {
      log(`refused IPC ${String(method)}: ${why}`);
      return { ok: false, error: { code: 'forbidden', message: '拒绝来自非本程序页面的请求' } };
    }
    return dispatch(typeof method === 'string' ? method : '', input);
  });
}
