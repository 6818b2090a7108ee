// What a job worker and the main thread say to each other.
import type { RpcError } from '../api/contract';

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: RpcError }
  | { type: 'cancelled' };

export interface WorkerInput<P = unknown> {
  entry: string;
  dbPath: string;
  nativeBinding?: string;
  /** Int32Array over it: [0] becomes 1 when the user cancels. */
  cancel: SharedArrayBuffer;
  payload: P;
}

export class Cancelled extends Error {}
