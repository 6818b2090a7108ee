// The one date field. Staff type a date the way they write it (`2026.11.10`, `2026/11/10`,
// `2026年11月10日`, `20261110`; where the field allows it `1952-10` or `1952`) or pick it from the
// calendar. Typed text is read with the importer's own parser (shared/dates.ts `parseDateInput`),
// so a form never refuses what a roster would be allowed to say. Text that is no date stays in the
// box with a message and is sent as typed, so the save is refused in words, never guessed or dropped.
import { ActionIcon, Popover, TextInput } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useState } from 'react';
import { isValidIsoDate, parseDateInput } from '../../src-main/shared/dates';

export interface DateFieldProps {
  label: string;
  value: string | null | undefined;
  /** ISO text (`2026-11-10`, or partial where allowed), null when emptied, or the text as typed when it is no date. */
  onChange: (value: string | null) => void;
  /** Whether a year and month (`1952-10`) or a year alone is a complete answer. */
  partial?: boolean;
  required?: boolean;
  description?: string;
  w?: number | string;
  placeholder?: string;
  /** For a field without a visible label (a cell of a table). */
  ariaLabel?: string;
  /** An error from outside (the form's schema, the router), shown in the field like any other. */
  error?: string;
}

/** What typed text means for a field: its ISO value, or why it is not one. */
export function readDate(text: string, partial: boolean): { iso: string | null; error: string | null } {
  if (text.trim() === '') return { iso: null, error: null };
  const iso = parseDateInput(text);
  if (iso === null)
    return {
      iso: null,
      error: partial
        ? '无法识别的日期，请按“1952-10-05”或“1952-10”填写'
        : '无法识别的日期，请按“2026-11-10”填写或在日历中选择',
    };
  if (!partial && iso.length !== 10) return { iso: null, error: '请填写完整的年月日' };
  return { iso, error: null };
}

export function DateField({
  label,
  value,
  onChange,
  partial = false,
  required,
  description,
  w,
  placeholder,
  ariaLabel,
  error: given,
}: DateFieldProps) {
  const [text, setText] = useState(value ?? '');
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  // The parent's value follows every keystroke (so a button next to the field sees what is typed);
  // the text is tidied, and a message shown, when the field is left.
  const typedValue = (typed: string) => {
    const r = readDate(typed, partial);
    return r.error ? typed.trim() : r.iso;
  };
  // Only a value from outside (loaded, reset) replaces the text being typed: adjusted while
  // rendering, when the value differs from the one last seen.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if ((value ?? '') !== (typedValue(text) ?? '')) setText(value ?? '');
  }
  const commit = (typed: string) => {
    const r = readDate(typed, partial);
    setError(r.error);
    if (r.error) {
      onChange(typed.trim());
      return;
    }
    setText(r.iso ?? '');
    onChange(r.iso);
  };
  return (
    <TextInput
      label={label || undefined}
      aria-label={ariaLabel}
      required={required}
      w={w}
      description={description}
      placeholder={placeholder ?? (partial ? '如 1952-10-05 或 1952-10' : '如 2026-11-10')}
      value={text}
      error={error ?? given}
      onChange={(e) => {
        const typed = e.currentTarget.value;
        setText(typed);
        if (error) setError(null);
        onChange(typedValue(typed));
      }}
      onBlur={() => commit(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(text);
      }}
      rightSection={
        <Popover opened={picking} onChange={setPicking} position="bottom-end" withArrow shadow="md" trapFocus>
          <Popover.Target>
            <ActionIcon variant="subtle" color="gray" aria-label="打开日历" onClick={() => setPicking((o) => !o)}>
              <IconCalendar size={18} />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <DatePicker
              value={isValidIsoDate(text) ? text : null}
              defaultDate={isValidIsoDate(text) ? text : undefined}
              onChange={(d) => {
                setPicking(false);
                if (d) commit(d);
              }}
            />
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}
