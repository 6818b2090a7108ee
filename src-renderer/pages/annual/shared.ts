// What the adjustment check's pieces share.
import type { MethodName } from '../../../src-main/contract';
import { formatYuan } from '../../../src-main/shared/money';

/** An amount in fen as the tables show it, or a dash where there is none. */
export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : formatYuan(fen));

/**
 * What an import, a check or a recomputation makes stale: the runs and their rows here (and the
 * home page's reminder, which reads the same), and the year's line in each person's file.
 */
export const ADJUSTMENT_READS: MethodName[] = ['adjustments.runs', 'adjustments.rows', 'adjustments.ofPerson'];
