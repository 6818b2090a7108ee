// The kit's date field bound to a field of a @mantine/form form: what is typed or picked goes into
// the form, and the form's error for that field (the contract's schema, or the router's `details`)
// is shown right under it, as every other field shows its own. DateField keeps its own message for
// text that is no date; this adds the form's.
import { Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { DateField, type DateFieldProps } from './DateField';

export type FormDateFieldProps<V> = Omit<DateFieldProps, 'value' | 'onChange'> & {
  form: UseFormReturnType<V>;
  /** The field's path in the form: `receivedOn`, `step.on`. */
  path: string;
  /** What an emptied field holds: '' for a required date (the schema says 请填写…), null for an optional one. */
  empty?: '' | null;
};

export function FormDateField<V>({ form, path, empty = '', ...props }: FormDateFieldProps<V>) {
  const input = form.getInputProps(path);
  const set = form.setFieldValue as (path: string, value: unknown) => void;
  return (
    <Stack gap={4}>
      <DateField {...props} value={input.value as string | null} onChange={(v) => set(path, v ?? empty)} />
      {input.error ? (
        <Text c="red.8" size="sm" role="alert" data-field-error={path}>
          {input.error}
        </Text>
      ) : null}
    </Stack>
  );
}
