// Forms on @mantine/form, validated by the contract's own zod schemas, and saved by the save rule:
// only the fields the user changed are sent, each with the value the form showed (kit/edit.ts).
// Dirty tracking drives the leave question and the sticky save bar; the router's field errors
// (`details`) are shown beside their fields.
import { useForm, type UseFormReturnType } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../api';
import { editOf, isDirty, rebase } from './edit';
import { useLeaveGuard } from './leaveGuard';

export type Values = Record<string, unknown>;

export interface ContractFormOptions<V extends Values> {
  /** The record as loaded (or a new record's empty values). */
  initial: V;
  /** The contract's schema for what the form sends; checked before anything is sent. */
  schema?: z.ZodType;
  /** What the leave question calls the form: 刘文华的档案, 第 12 号报销单. */
  what: string;
  /**
   * Sends the save. `edit` holds only what the user changed (with what the form showed for it).
   * Returns the record's values as saved, which become the form's new starting point.
   */
  submit: (values: V, edit: { changes: Partial<V>; base: Partial<V> }) => Promise<V>;
  /** A refusal the page shows in its own way (a confirmation); true when handled. */
  onRefused?: (e: ApiError) => boolean;
}

export interface ContractForm<V extends Values> {
  form: UseFormReturnType<V>;
  dirty: boolean;
  saving: boolean;
  /** The last refusal that is not about one field, in words. */
  error: string | null;
  conflict: boolean;
  clearError: () => void;
  /** Saves; true when saved. */
  save: () => Promise<boolean>;
  /** The record was read again under the form (changed elsewhere): the user's edits stay on top. */
  reloaded: (next: V) => void;
  /** Leave without asking (after a save that moves on). */
  release: () => void;
}

/** A router refusal's field errors (zod issues) as the form's `field.path` errors. */
export function fieldErrors(e: ApiError, fields: string[]): Record<string, string> {
  const details = e.error.details;
  if (!Array.isArray(details)) return {};
  const out: Record<string, string> = {};
  for (const issue of details as { path?: (string | number)[]; message?: string }[]) {
    const path = issue.path ?? [];
    const at = path.findIndex((p) => typeof p === 'string' && fields.includes(p));
    if (at < 0 || !issue.message) continue;
    out[path.slice(at).join('.')] = issue.message;
  }
  return out;
}

export function useContractForm<V extends Values>(o: ContractFormOptions<V>): ContractForm<V> {
  const form = useForm<V>({
    mode: 'controlled',
    initialValues: o.initial,
    validate: o.schema ? zod4Resolver(o.schema as never) : undefined,
  });
  // The record as last loaded or saved: what the form's values are compared with.
  const [loaded, setLoaded] = useState<V>(o.initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const dirty = isDirty(loaded, form.getValues());

  const save = async (): Promise<boolean> => {
    if (form.validate().hasErrors) return false;
    setSaving(true);
    setError(null);
    setConflict(false);
    try {
      const values = form.getValues();
      const saved = await o.submit(values, editOf(loaded, values));
      setLoaded(saved);
      form.setInitialValues(saved);
      form.setValues(saved);
      form.resetDirty(saved);
      return true;
    } catch (e) {
      if (e instanceof ApiError) {
        if (o.onRefused?.(e)) return false;
        const errors = fieldErrors(e, Object.keys(loaded));
        if (Object.keys(errors).length) form.setErrors(errors);
        setConflict(e.code === 'conflict');
      }
      setError((e as Error).message);
      return false;
    } finally {
      setSaving(false);
    }
  };
  const release = useLeaveGuard(dirty, o.what, save);
  return {
    form,
    dirty,
    saving,
    error,
    conflict,
    clearError: () => setError(null),
    save,
    reloaded: (next) => {
      const values = rebase(loaded, form.getValues(), next);
      setLoaded(next);
      form.setInitialValues(next);
      form.setValues(values);
    },
    release,
  };
}

/**
 * A @mantine/form over a record that may be read again under it (after a save refused for another
 * clerk's change, or a change made elsewhere): each time `source` is a new object (the query read
 * it again), its record becomes what the form compares with and sends as loaded, and the user's
 * edits stay on top (kit/edit.ts rebase); a second save is then made knowingly. Returns the same
 * for a record the caller already has (a save's answer).
 */
export function useRecordUnder<S, T extends object>(
  form: UseFormReturnType<T>,
  source: S,
  recordOf: (source: S) => T,
): (next: T) => void {
  const loadUnder = (next: T) => {
    const values = rebase(form.getInitialValues(), form.getValues(), next);
    form.setInitialValues(next);
    form.setValues(values);
    form.resetDirty(next);
  };
  const seen = useRef(source);
  const reload = useEffectEvent((next: S) => loadUnder(recordOf(next)));
  useEffect(() => {
    if (seen.current !== source) {
      seen.current = source;
      reload(source);
    }
  }, [source]);
  return loadUnder;
}
