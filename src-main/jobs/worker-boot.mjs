// Starts a TypeScript worker under tsx, for `npm run web`, the CLI and the tests. The Electron
// build bundles each worker to a .cjs file instead (scripts/build-shell.mjs).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
