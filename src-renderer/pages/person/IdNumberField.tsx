// The ID number, checked as it is typed (GB 11643 check digit, birth date and gender against the
// form, another file with the same number). The check is a query keyed by what was typed, so a
// reply for a number the user has since changed is never shown; a number fills an empty birth date
// and gender.
import { Alert, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useEffectEvent } from 'react';
import type { InputOf } from '../../../src-main/contract';
import { useCan } from '../../kit/operator';
import { useRpc } from '../../kit/rpc';
import { FIELD_LABELS } from '../../../src-main/shared/fields';
import { isMasked } from '../../../src-main/shared/mask';
import { revealFor } from './fields';
import type { PersonDraft } from './personDraft';

type CheckInput = InputOf<'retirees.checkId'>;

export function IdNumberField({ form, personId }: { form: UseFormReturnType<PersonDraft>; personId: number | null }) {
  const { idNumber, birthDate, gender } = form.getValues();
  const typed = (idNumber ?? '').trim();
  // What the check is asked about, once typing pauses.
  const [asked] = useDebouncedValue(
    JSON.stringify({ idNumber: typed, birthDate: birthDate ?? null, gender: gender ?? null }),
    300,
  );
  const input: CheckInput = { ...(JSON.parse(asked) as CheckInput), excludeId: personId };
  // A role that may only read the file is not asked to check what it cannot change; a masked
  // number (as the file was loaded) is checked in the main process, not here.
  const mayCheck = useCan('retirees.checkId');
  const masked = isMasked(typed);
  const checkable = mayCheck && !masked && input.idNumber.replace(/\s/g, '').length >= 15;
  const check = useRpc('retirees.checkId', checkable ? input : null, {
    // The same number asked again with a birth date or gender filled in: keep showing its result meanwhile.
    placeholderData: (previous, query) =>
      (query?.queryKey[1] as CheckInput | undefined)?.idNumber === input.idNumber ? previous : undefined,
  });
  // Only a result for the number now in the box.
  const result = check.data && input.idNumber === typed ? check.data : null;

  const fillFrom = useEffectEvent((r: NonNullable<typeof result>) => {
    const now = form.getValues();
    if (r.birthDate && !now.birthDate) form.setFieldValue('birthDate', r.birthDate);
    if (r.gender && !now.gender) form.setFieldValue('gender', r.gender as PersonDraft['gender']);
  });
  // Once for each result, so a birth date or gender the user then clears stays cleared.
  useEffect(() => {
    if (result) fillFrom(result);
  }, [result]);

  let description: React.ReactNode = masked
    ? '已遮挡部分号码；核对或修改前请点“显示”'
    : '18 位，末位可为 X；15 位旧号码保存时自动升级';
  if (result?.ok && result.normalized) {
    description = (
      <Text span c="green.8" size="sm">
        ✓ 校验通过：{result.normalized}
        {result.from15 ? '（由 15 位升级）' : ''}，{result.birthDate} 出生，{result.gender}
      </Text>
    );
  }
  const refused = form.errors.idNumber;
  return (
    <Stack gap={4}>
      <TextInput
        label={FIELD_LABELS.idNumber}
        value={idNumber ?? ''}
        onChange={(e) => form.setFieldValue('idNumber', e.currentTarget.value === '' ? null : e.currentTarget.value)}
        description={description}
        error={[...(result?.errors ?? []), ...(refused ? [refused] : [])].join('；') || undefined}
        ff="monospace"
        rightSection={revealFor(
          personId,
          'idNumber',
          FIELD_LABELS.idNumber,
          idNumber,
          form.getInitialValues().idNumber,
        )}
        rightSectionWidth={64}
      />
      {result && result.warnings.length > 0 && (
        <Alert color="orange" p="xs" title="请核对">
          {result.warnings.join('；')}
        </Alert>
      )}
    </Stack>
  );
}
