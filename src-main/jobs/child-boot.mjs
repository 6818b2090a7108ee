// Starts a TypeScript child process under tsx (jobs/launcher.ts, forkLauncher: the browser
// harness, the CLI and the tests). The Electron build bundles each child entry to a .cjs file
// instead (scripts/build-shell.mjs). argv[2] is the entry; the entry sees its own arguments
// from argv[2] on, as the bundled one does.
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [entry] = process.argv.splice(2, 1);
await import(pathToFileURL(entry).href);
