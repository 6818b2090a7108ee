// The form half of the save rule (src-main/audit/edits.ts): a form keeps the record as it was
// loaded (`base`) beside what the user typed (`draft`), sends only the fields that differ, each
// with its base value, and when the record is reloaded under it (a death registered from another
// tab, an attachment added) keeps the user's edits on top of the new record instead of treating
// every old value as an unsaved change.

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields the user changed: what a save sends, with what the form showed for each. */
export function editOf<T extends object>(base: T, draft: T): { changes: Partial<T>; base: Partial<T> } {
  const changes: Partial<T> = {};
  const shown: Partial<T> = {};
  for (const k of Object.keys(draft) as (keyof T)[]) {
    if (same(base[k], draft[k])) continue;
    changes[k] = draft[k];
    shown[k] = base[k];
  }
  return { changes, base: shown };
}

export function isDirty<T extends object>(base: T, draft: T): boolean {
  return Object.keys(editOf(base, draft).changes).length > 0;
}

/** The draft on top of a record reloaded since: the user's edits kept, everything else new. */
export function rebase<T extends object>(oldBase: T, draft: T, newBase: T): T {
  return { ...newBase, ...editOf(oldBase, draft).changes };
}
