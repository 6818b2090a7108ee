// 生日历法 and 农历生日: whether the person keeps their birthday by the Gregorian or the lunar
// calendar, and for a lunar one its month (a leap month too) and day. Left empty, the lunar day is
// worked out from the birth date when the file is saved.
import { Group, Select } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { FIELD_LABELS as L } from '../../../src-main/shared/fields';
import { BIRTHDAY_CALENDARS } from '../../../src-main/shared/person';
import { LunarDayInput } from '../../kit/LunarDayInput';
import type { PersonDraft } from './personDraft';

export function LunarBirthdayField({ form }: { form: UseFormReturnType<PersonDraft> }) {
  const v = form.getValues();
  return (
    <Group grow align="flex-start" wrap="nowrap">
      <Select
        label={L.birthdayCalendar}
        data={[...BIRTHDAY_CALENDARS]}
        allowDeselect={false}
        {...form.getInputProps('birthdayCalendar')}
      />
      {v.birthdayCalendar === '阴历' && (
        <LunarDayInput
          label={L.lunarBirthday}
          description="不填则按出生日期推算"
          value={v.lunarBirthday ?? null}
          error={form.errors.lunarBirthday}
          onChange={(value) => form.setFieldValue('lunarBirthday', value)}
        />
      )}
    </Group>
  );
}
