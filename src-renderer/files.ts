// Files the user hands over: a roster or a list to import as its bytes (the contract's `data`:
// Electron's IPC and the harness carry them as they are); an attachment as base64 for the JSON.
export async function fileBytes(file: Blob): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await file.arrayBuffer());
}

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToBlob(b64: string, mime: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** A roster dropped anywhere on the window, waiting for the import page to pick it up. */
let pending: File | null = null;
export function setPendingRoster(file: File): void {
  pending = file;
}
export function takePendingRoster(): File | null {
  const f = pending;
  pending = null;
  return f;
}

/** Hands a file to the user: the browser's download, Electron's save dialog. */
export function download(
  fileName: string,
  dataBase64: string,
  mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
): void {
  const url = URL.createObjectURL(base64ToBlob(dataBase64, mime));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
