// What the import session worker and the main thread say to each other.
import type { JobStatus, RpcError } from '../api/contract';

export interface SessionCall {
  id: number;
  method: string;
  args: Record<string, unknown>;
}

export type SessionMessage =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: RpcError }
  | { type: 'job'; jobId: string; patch: Partial<JobStatus> };

export class Cancelled extends Error {}
