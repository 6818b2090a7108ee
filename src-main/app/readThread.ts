// The reading thread (spreadsheet/stream.ts, readInThread): reads a file from outside a chunk of
// rows at a time, and the rows of a table it is told of as its reader reads them: an adjustment
// list's rows as they say (adjustments/listRow.ts), while the check matches the rows before them.
// Bundled on its own for the app (scripts/build-shell.mjs: out/read-thread.cjs).
import { readListRows, type ListColumns } from '../adjustments/listRow';
import { runReadThread } from '../spreadsheet/stream';

runReadThread({
  adjustmentList: (columns) => (rows) => readListRows(columns as ListColumns, rows),
});
