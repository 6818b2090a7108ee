// Closing the window while a form has unsaved changes asks first (issue 12, item 4). The renderer's
// leave guard cancels the unload (`beforeunload`); Electron then does not show the browser's
// question but emits `will-prevent-unload`, and closes nothing unless the handler calls
// `event.preventDefault()` (https://www.electronjs.org/docs/latest/api/web-contents#event-will-prevent-unload).
import type { BrowserWindow, Dialog, WebContents } from 'electron';

export const CLOSE_QUESTION = {
  type: 'question' as const,
  title: '有未保存的修改',
  message: '有修改尚未保存，关闭窗口将丢弃这些修改。',
  detail: '要保存，请点“返回保存”，在页面上按“保存”（Ctrl+S）后再关闭。',
  buttons: ['返回保存', '放弃修改并关闭'],
  defaultId: 0,
  cancelId: 0,
  noLink: true,
};

export function askBeforeClosingWithChanges(
  contents: WebContents,
  dialog: Pick<Dialog, 'showMessageBoxSync'>,
  windowOf: () => BrowserWindow | null,
): void {
  contents.on('will-prevent-unload', (event) => {
    const win = windowOf();
    const choice = win ? dialog.showMessageBoxSync(win, CLOSE_QUESTION) : dialog.showMessageBoxSync(CLOSE_QUESTION);
    // 放弃修改并关闭: let the page unload after all.
    if (choice === 1) event.preventDefault();
  });
}
