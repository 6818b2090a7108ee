// Setup file of every test project (vitest.config.ts): registered first, so it runs after the
// file's own afterAll hooks (hooks after a test run in reverse order), when its databases are closed.
import { afterAll } from 'vitest';
import { removeTempDirs } from './tempDirs';

afterAll(removeTempDirs);
