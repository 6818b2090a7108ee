// What a parent and a child process (jobs/channel.ts, jobs/serve.ts) say to each other: calls by
// name, each said to have started when the child takes it up (calls wait their turn), answered
// once, and any number of events (progress) on the way.
import type { RpcError } from '../shared/errors';

export interface ChildCall {
  type: 'call';
  id: number;
  method: string;
  args: Record<string, unknown>;
}

export type ChildMessage =
  | { type: 'started'; id: number }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: RpcError }
  | { type: 'event'; id: number; event: unknown };
