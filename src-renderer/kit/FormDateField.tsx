// The kit's date field bound to a field of a @mantine/form form: what is typed or picked goes into
// the form, and the form's error for that field (the contract's schema, or the router's `details`)
// is shown in the field, as every other field shows its own.
import type { UseFormReturnType } from '@mantine/form';
import { DateField, type DateFieldProps } from './DateField';

export type FormDateFieldProps<V> = Omit<DateFieldProps, 'value' | 'onChange' | 'error'> & {
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
    <DateField
      {...props}
      value={input.value as string | null}
      error={input.error as string | undefined}
      onChange={(v) => {
        set(path, v ?? empty);
        form.clearFieldError(path);
      }}
    />
  );
}
