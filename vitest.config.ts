import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}'],
    // Browser tests start Chromium and a server: give them room on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
