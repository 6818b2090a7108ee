// The renderer's whole view of the main process: one `invoke`. Nothing else of Electron or Node
// is exposed (contextIsolation keeps the page from reaching ipcRenderer itself).
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('retireeOffice', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke('rpc', method, input),
});
