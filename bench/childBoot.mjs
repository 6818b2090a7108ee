// Starts a bundled child entry as the app starts its own (no tsx): the bench runs the import's
// child from its esbuild bundle (bench/importExport.ts), as out/import-session.cjs is shipped.
import { pathToFileURL } from 'node:url';

const [entry] = process.argv.splice(2, 1);
await import(pathToFileURL(entry).href);
