// The one data table (mantine-datatable), with what staff need all day: the header stays in sight,
// rows are reached by Tab and moved through with ↑/↓, Enter opens a row and Space selects it.
import { DataTable as MantineDataTable, type DataTableProps } from 'mantine-datatable';
import type { KeyboardEvent } from 'react';

export type KitDataTableProps<T> = DataTableProps<T> & {
  /** What Enter (and a click) on a row does: open it. */
  onRowOpen?: (record: T) => void;
  /** What Space on a row does: select it (with `selectedRecords`). */
  onRowToggle?: (record: T) => void;
  /** Names a row for a screen reader: 刘文华，退休，85 岁. */
  rowLabel?: (record: T) => string;
};

function moveFocus(e: KeyboardEvent<HTMLElement>, to: 'next' | 'prev') {
  const row = e.currentTarget;
  const next = (to === 'next' ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
  if (next?.tabIndex !== undefined && next.tabIndex >= 0) {
    e.preventDefault();
    next.focus();
  }
}

export function DataTable<T>({ onRowOpen, onRowToggle, rowLabel, ...props }: KitDataTableProps<T>) {
  const rowAttributes = (record: T, index: number) => ({
    ...(props.customRowAttributes?.(record, index) ?? {}),
    tabIndex: 0,
    'aria-label': rowLabel?.(record),
    'data-row-index': index,
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if (e.target !== e.currentTarget) return;
      if (e.key === 'ArrowDown') moveFocus(e, 'next');
      else if (e.key === 'ArrowUp') moveFocus(e, 'prev');
      else if (e.key === 'Enter' && onRowOpen) {
        e.preventDefault();
        onRowOpen(record);
      } else if (e.key === ' ' && onRowToggle) {
        e.preventDefault();
        onRowToggle(record);
      }
    },
  });
  // Widths given in pixels are read as pixels at 标准 and grow with the type size (kit/typeSize sets
  // the root font size): 64 → 4rem, so at 特大 the columns widen with their text.
  const columns = props.columns?.map((c) => ({
    ...c,
    width: typeof c.width === 'number' ? `${c.width / 16}rem` : c.width,
  }));
  const all = {
    withTableBorder: true,
    borderRadius: 'sm',
    highlightOnHover: true,
    verticalSpacing: 'sm',
    fz: 'md',
    noRecordsText: '没有记录',
    recordsPerPageLabel: '每页',
    paginationText: ({ from, to, totalRecords }: { from: number; to: number; totalRecords: number }) =>
      `第 ${from}–${to} 条，共 ${totalRecords} 条`,
    ...props,
    ...(columns ? { columns } : {}),
    onRowClick: props.onRowClick ?? (onRowOpen ? ({ record }: { record: T }) => onRowOpen(record) : undefined),
    customRowAttributes: rowAttributes,
  } as DataTableProps<T>;
  return <MantineDataTable<T> {...all} />;
}
