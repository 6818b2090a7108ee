// What the pages tell the user after an action: it failed (and why, in the main process's words),
// or it was done.
import { notifications } from '@mantine/notifications';

export function failed(e: unknown): void {
  notifications.show({
    color: 'red',
    title: '未能完成',
    message: e instanceof Error ? e.message : String(e),
    autoClose: 8000,
  });
}

export function done(message: string, title?: string): void {
  notifications.show({ color: 'green', title, message });
}
