// Debian's Chromium driven by playwright-core (./chromium.ts). One Chromium for the whole browser
// project (its vitest globalSetup below): each test file connects to it and opens its own pages,
// against its own harness server and database, instead of starting a browser of its own (a second
// or two of a start, 27 times).
import { chromium, type Browser } from 'playwright-core';
import { chromiumServer } from './chromium';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's Chromium, for chromium.connect. */
    chromiumEndpoint: string;
  }
}

export default async function chromiumForTheRun(project: TestProject) {
  const server = await chromiumServer();
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return () => server.close();
}

/** The run's Chromium, connected: its close() closes what this connection opened, not the browser. */
export async function launchChromium(): Promise<Browser> {
  return chromium.connect(inject('chromiumEndpoint'));
}
