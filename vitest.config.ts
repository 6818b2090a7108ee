import { defineConfig } from 'vitest/config';

// Two groups, one after the other. The main-process and component tests are independent files
// (each its own temporary database and folder), so two run at once, one per core. The browser
// walks run after, four at a time: each walk has its own harness server and database and its own
// pages in the run's one Chromium, and spends most of its time waiting on the page (one at a time,
// the walks used about a fifth of the two cores: 100 s of CPU in 460 s).
export default defineConfig({
  test: {
    // Browser tests start Chromium and a server: give them room on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // Each file's temporary folders removed after its tests (tests/tempDirs.ts).
    setupFiles: ['tests/cleanup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          // The CLI and the harness bundled once for the run (tests/bundles.ts): tests start them as Node processes.
          globalSetup: ['tests/bundles.ts'],
          include: ['tests/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}'],
          exclude: ['tests/e2e/**'],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          // …and one Chromium for every file (tests/e2e/browser.ts).
          globalSetup: ['tests/bundles.ts', 'tests/e2e/browser.ts'],
          include: ['tests/e2e/**/*.test.ts'],
          maxWorkers: 4,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
