// Settings that belong to this workstation rather than to the office's data: the type size a
// clerk reads best at, the notices they have read. Kept in localStorage (per machine, per user of
// it), read through useSyncExternalStore so every component showing one sees a change at once.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // A browser that refuses storage (private mode, a locked profile): the defaults hold.
    return null;
  }
}

/** The stored value of `key`, or `fallback` when there is none or it cannot be read. */
export function readSetting<T>(key: string, fallback: T): T {
  const raw = storage()?.getItem(key);
  if (raw === null || raw === undefined) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export function writeSetting<T>(key: string, value: T): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused: the choice holds until the window closes.
  }
  snapshots.delete(key);
  for (const l of [...listeners]) l();
}

// useSyncExternalStore wants the same object for the same stored text.
const snapshots = new Map<string, { raw: string | null; value: unknown }>();

function snapshot<T>(key: string, fallback: T): T {
  const raw = storage()?.getItem(key) ?? null;
  const known = snapshots.get(key);
  if (known && known.raw === raw) return known.value as T;
  const value = readSetting(key, fallback);
  snapshots.set(key, { raw, value });
  return value;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another window of the same app (the browser harness in two tabs) changed it.
  const onStorage = () => {
    snapshots.clear();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** A workstation setting as state: its value, and a setter that keeps it. */
export function useWorkstationSetting<T>(key: string, fallback: T): [T, (value: T) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => snapshot(key, fallback),
    () => fallback,
  );
  return [value, (next: T) => writeSetting(key, next)];
}
