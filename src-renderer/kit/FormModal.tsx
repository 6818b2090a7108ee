// A form in a dialog (register a visit, a death, a petition): the fields, 取消 and the action,
// validation by the contract's schema before anything is sent, the router's field errors beside
// their fields and any other refusal in words under them. Enter submits; Esc cancels.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api';
import { fieldErrors } from './form';

export interface FormModalProps<V extends Record<string, unknown>> {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  form: UseFormReturnType<V>;
  /** Sends the form; a refusal stays in the dialog, success closes it. */
  onSubmit: (values: V) => Promise<unknown>;
  submitLabel?: string;
  submitColor?: string;
  size?: string | number;
  children: ReactNode;
}

export function FormModal<V extends Record<string, unknown>>({
  opened,
  onClose,
  title,
  form,
  onSubmit,
  submitLabel = '保存',
  submitColor,
  size = 'lg',
  children,
}: FormModalProps<V>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} size={size}>
      <form
        onSubmit={form.onSubmit(async (values) => {
          setPending(true);
          setError(null);
          try {
            await onSubmit(values);
            form.reset();
            onClose();
          } catch (e) {
            if (e instanceof ApiError) form.setErrors(fieldErrors(e, Object.keys(form.getValues())));
            setError((e as Error).message);
          } finally {
            setPending(false);
          }
        })}
      >
        <Stack>
          {children}
          {error && (
            <Text c="red.8" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              取消
            </Button>
            <Button type="submit" loading={pending} color={submitColor}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
