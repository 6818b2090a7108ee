// The form half of the save rule: what a form sends, and how it keeps the user's edits when the
// record is read again under it.
import { describe, expect, it } from 'vitest';
import { editOf, isDirty, rebase } from './edit';

const loaded = {
  name: '李建国',
  status: '在册',
  statusDate: null as string | null,
  note: '老住址',
  phones: [{ label: '手机', number: '1' }],
};

describe('kit/edit', () => {
  it('sends only the changed fields, each with the value the form showed', () => {
    const draft = { ...loaded, note: '新住址', phones: [{ label: '手机', number: '2' }] };
    expect(editOf(loaded, draft)).toEqual({
      changes: { note: '新住址', phones: [{ label: '手机', number: '2' }] },
      base: { note: '老住址', phones: [{ label: '手机', number: '1' }] },
    });
    expect(isDirty(loaded, draft)).toBe(true);
    expect(isDirty(loaded, { ...loaded })).toBe(false);
  });

  it('a record read again under the form takes its new values where the user changed nothing', () => {
    const draft = { ...loaded, note: '新住址' };
    const reloaded = { ...loaded, status: '已故', statusDate: '2026-11-20' };
    const next = rebase(loaded, draft, reloaded);
    expect(next).toEqual({ ...reloaded, note: '新住址' });
    // Only the user's own edit is still unsaved: the death is not.
    expect(editOf(reloaded, next).changes).toEqual({ note: '新住址' });
  });
});
