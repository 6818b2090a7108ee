// @vitest-environment happy-dom
// The date field bound to a form: what is typed goes into the form as ISO text, and the form's
// error for the field (here the contract's schema) is shown under it and cleared by a new date.
import { Button } from '@mantine/core';
import { useForm } from '@mantine/form';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { fullDate } from '../../src-main/shared/dateSchemas';
import { FormDateField } from './FormDateField';
import { render } from './test-utils';

afterEach(cleanup);

function Dated({ onValid }: { onValid: (v: { on: string }) => void }) {
  const form = useForm({ initialValues: { on: '' }, validate: zod4Resolver(z.object({ on: fullDate('受理日期') })) });
  return (
    <form onSubmit={form.onSubmit(onValid)}>
      <FormDateField form={form} path="on" label="受理日期" />
      <Button type="submit">确定</Button>
    </form>
  );
}

describe('FormDateField', () => {
  it("shows the form's error in the field, and puts what is typed into the form as ISO", async () => {
    const sent: { on: string }[] = [];
    render(<Dated onValid={(v) => sent.push(v)} />);
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    await screen.findByText('请填写受理日期');
    const input = screen.getByLabelText('受理日期');
    expect(input.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(input, { target: { value: '2026年3月5日' } });
    fireEvent.blur(input);
    expect(screen.queryByText('请填写受理日期')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    await waitFor(() => expect(sent).toEqual([{ on: '2026-03-05' }]));
  });
});
