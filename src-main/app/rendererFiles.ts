// The built renderer's files, for the Electron app:// protocol and the browser harness alike:
// only files inside dist-renderer, never a path that climbs out of it.
import fs from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** The file a URL path names inside `distDir` (`/` is index.html), or null when there is none. */
export function readRendererFile(distDir: string, urlPath: string): { body: Buffer; type: string } | null {
  const root = path.resolve(distDir);
  let rel: string;
  try {
    rel = urlPath === '/' || urlPath === '' ? 'index.html' : decodeURIComponent(urlPath.replace(/^\//, ''));
  } catch {
    return null;
  }
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
  return { body: fs.readFileSync(file), type: TYPES[path.extname(file)] ?? 'application/octet-stream' };
}
