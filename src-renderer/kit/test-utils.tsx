// Component tests: a component rendered as the app renders it (theme, dates in zh-cn, a fresh
// query cache), talking to the real router over a real SQLite file through the same door the
// Electron preload opens (`window.retireeOffice.invoke`). Use with `// @vitest-environment happy-dom`.
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { cleanup, configure, render as renderDom, type RenderResult } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import type { ReactElement } from 'react';
import type { AppContext } from '../../src-main/app/context';
import type { ProcessLauncher } from '../../src-main/jobs/launcher';
import { dispatchAsAdministrator, freshContext, router } from '../../tests/helpers';
import { OperatorProvider } from './operator';
import { newQueryClient, RpcProvider } from './rpc';
import { theme } from '../theme';

// Each call goes through the real router and a real SQLite file: on a shared, loaded machine a
// reply can take longer than testing-library's default second. What a test waits for is still
// awaited; only how long before it gives up changes.
configure({ asyncUtilTimeout: 10_000 });

// Whatever a test rendered is unmounted after it, in every file that renders through this kit
// (testing-library unmounts by itself only where the test runner's hooks are globals, and ours are
// not). A tree left mounted keeps React's scheduler and its queries working after the file's
// last test, when happy-dom has taken `window` away: "window is not defined", and the run fails.
afterEach(cleanup);

/** What happy-dom lacks and Mantine asks for. */
function polyfill() {
  const w = window as unknown as Record<string, unknown>;
  w.matchMedia ??= () => ({
    matches: false,
    addEventListener() {},
    removeEventListener() {},
    addListener() {},
    removeListener() {},
  });
  w.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  (Element.prototype as unknown as { scrollIntoView: () => void }).scrollIntoView ??= () => {};
  // Mantine's autosizing Textarea waits for fonts.
  (document as unknown as { fonts?: unknown }).fonts ??= {
    ready: Promise.resolve(),
    addEventListener() {},
    removeEventListener() {},
  };
}

/** The office the renderer's calls go to: whoever is signed in on its session is who the pages show. */
let connected: AppContext | null = null;

/** Routes the renderer's calls to the router of `ctx`, as the Electron preload does, from an administrator (tests/helpers.ts). */
export function connect(ctx: AppContext): void {
  connected = ctx;
  window.retireeOffice = { invoke: (method, input) => dispatchAsAdministrator(ctx, method, input) };
}

/**
 * `ui` as the app renders it: theme, dates, a fresh query cache, and the operator signed in on the
 * connected office's session when it is rendered (as the app gives its pages; tests/helpers.ts
 * signs in an administrator, or signInAs another operator before rendering).
 */
export function render(ui: ReactElement): RenderResult {
  polyfill();
  return renderDom(
    <MantineProvider theme={theme}>
      <DatesProvider settings={{ locale: 'zh-cn', firstDayOfWeek: 1 }}>
        <RpcProvider client={newQueryClient()}>
          <OperatorProvider operator={connected?.session.operator ?? null}>{ui}</OperatorProvider>
        </RpcProvider>
      </DatesProvider>
    </MantineProvider>,
  );
}

/**
 * A fresh office for every test of the file: a new SQLite file behind the router the renderer
 * calls, the rendered tree and the database closed after each test. Returns the router's `call`
 * and `refusal` (as the tests' own helpers give them) and the context.
 */
export function officeForEachTest(options: { launcher?: ProcessLauncher } = {}) {
  let ctx: AppContext;
  beforeEach(async () => {
    ctx = await freshContext({ launcher: options.launcher });
    connect(ctx);
  });
  afterEach(() => {
    cleanup();
    ctx.close();
  });
  return { ctx: () => ctx, ...router(() => ctx) };
}
