// Unsaved edits are never thrown away without asking. A form that has changes registers a guard;
// leaving it (the menu, 返回, a link, the browser's back) asks 保存 / 放弃 / 取消 first.
//
// Routes are hashes (route.ts). The guard listens to `hashchange` before anything else does
// (it is registered when this module loads, ahead of every React effect), puts the address back
// and stops the event from reaching the page, then asks.
import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

interface Guard {
  /** Saves; resolves true when saved (a refused save keeps the user on the form). */
  save: () => Promise<boolean>;
  what: string;
}

let guard: Guard | null = null;
let currentHash = typeof window === 'undefined' ? '' : window.location.hash;
let ask: ((targetHash: string) => void) | null = null;
let passing = false;

/** Leaves to `hash` without asking (after saving or discarding). */
function go(hash: string) {
  passing = true;
  window.location.hash = hash;
}

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', (e) => {
    if (passing || !guard || !ask) {
      passing = false;
      currentHash = window.location.hash;
      return;
    }
    const target = window.location.hash;
    e.stopImmediatePropagation();
    window.history.replaceState(null, '', window.location.pathname + window.location.search + currentHash);
    ask(target);
  });
  // Closing or reloading: the browser asks its own question; Electron hands the cancelled unload
  // to the shell, which asks (src-main/shell/unsavedChanges.ts).
  window.addEventListener('beforeunload', (e) => {
    if (guard) e.preventDefault();
  });
}

/**
 * While `dirty`, leaving the page asks first; `save` is what 保存 in that question does. Returns
 * `release`, for a page that has just saved and moves on before it has rendered clean.
 */
export function useLeaveGuard(dirty: boolean, what: string, save: () => Promise<boolean>): () => void {
  // The latest `save` (it closes over the latest values), in place before anyone can click.
  const saveRef = useRef(save);
  useLayoutEffect(() => {
    saveRef.current = save;
  });
  const mineRef = useRef<Guard | null>(null);
  useEffect(() => {
    if (!dirty) return;
    const mine: Guard = { save: () => saveRef.current(), what };
    mineRef.current = mine;
    guard = mine;
    return () => {
      if (guard === mine) guard = null;
    };
  }, [dirty, what]);
  return () => {
    if (guard !== null && guard === mineRef.current) guard = null;
  };
}

/** The question itself, rendered once by the app. */
export function LeaveGuardDialog() {
  const [target, setTarget] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    ask = setTarget;
    return () => {
      ask = null;
    };
  }, []);
  const close = () => setTarget(null);
  return (
    <Modal opened={target !== null} onClose={close} title="有未保存的修改" centered size="md">
      <Text mb="lg">{guard?.what ?? '本页'}有修改尚未保存。离开之前要保存吗？</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={close}>
          取消
        </Button>
        <Button
          color="red"
          variant="light"
          onClick={() => {
            const t = target!;
            guard = null;
            close();
            go(t);
          }}
        >
          放弃修改
        </Button>
        <Button
          loading={saving}
          onClick={async () => {
            const t = target!;
            setSaving(true);
            const ok = await (guard?.save() ?? Promise.resolve(true));
            setSaving(false);
            close();
            if (ok) {
              guard = null;
              go(t);
            }
          }}
        >
          保存
        </Button>
      </Group>
    </Modal>
  );
}
