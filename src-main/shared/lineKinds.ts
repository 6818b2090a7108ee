// The kinds of a claim's lines (费用类别): what the claims policy gives a ratio for, the ledger
// checks and the importer recognises in a column. Apart from the policy's schema (./claimPolicy.ts),
// so that reading a file (the reading thread, app/readThread.ts) does not load zod to know them.
export const LINE_KINDS = ['门诊', '住院', '特殊病种', '药店'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
