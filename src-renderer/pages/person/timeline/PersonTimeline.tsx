// A person's whole timeline on their file: the death checklist, hospital stays, visits, certifications,
// activities, the pension adjustment check, petitions and letters. Each part reads its own data;
// an action refetches only what it changed (a visit: the visits; a death: the checklist and the
// file, which the file page then reads again under any edit in progress).
import { Button, Group, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import type { PersonFile } from '../../../../src-main/contract/retirees';
import { ADDRESS_FORMS, LETTER_KINDS, type LetterKind } from '../../../../src-main/shared/letters';
import { done } from '../../../notify';
import { useRpc, useRpcMutation } from '../../../kit/rpc';
import { Can } from '../../../kit/operator';
import { navigate } from '../../../route';
import { CertificationsSection } from './CertificationsSection';
import { DeathForm } from './DeathForm';
import { DeathSection } from './DeathSection';
import { ActivitiesSection, AdjustmentsSection, AidSection, LettersSection, PetitionsSection } from './RecordsSections';
import { StayForm } from './StayForms';
import { StaysSection } from './StaysSection';
import { VisitForm } from './VisitForm';
import { VisitsSection } from './VisitsSection';

type AddressForm = (typeof ADDRESS_FORMS)[number];

export function PersonTimeline({ person }: { person: PersonFile }) {
  const [open, setOpen] = useState<'visit' | 'stay' | 'death' | null>(null);
  const onRoll = person.status === '在册';
  return (
    <Stack>
      <DeathSection personId={person.id} />
      <Group>
        {onRoll && (
          <Can method="visits.create">
            <Button onClick={() => setOpen('visit')}>记录走访慰问</Button>
          </Can>
        )}
        {onRoll && (
          <Can method="stays.create">
            <Button variant="light" onClick={() => setOpen('stay')}>
              住院登记
            </Button>
          </Can>
        )}
        <LetterActions person={person} />
        <Can method="deaths.register">
          <RegisterDeathButton person={person} onClick={() => setOpen('death')} />
        </Can>
      </Group>
      <StaysSection personId={person.id} canRecord={onRoll} />
      <VisitsSection personId={person.id} />
      <CertificationsSection personId={person.id} canRecord={onRoll} />
      <AidSection personId={person.id} />
      <ActivitiesSection personId={person.id} />
      <AdjustmentsSection personId={person.id} />
      <PetitionsSection personId={person.id} />
      <LettersSection personId={person.id} />
      <VisitForm opened={open === 'visit'} personId={person.id} onClose={() => setOpen(null)} />
      <StayForm opened={open === 'stay'} person={person} onClose={() => setOpen(null)} />
      <DeathForm opened={open === 'death'} person={person} onClose={() => setOpen(null)} />
    </Stack>
  );
}

/** 病故登记, for someone not yet registered as dead. */
function RegisterDeathButton({ person, onClick }: { person: PersonFile; onClick: () => void }) {
  const death = useRpc('deaths.get', { personId: person.id });
  if (person.status === '已故' || !death.data || death.data.death) return null;
  return (
    <Button variant="light" color="gray" onClick={onClick}>
      病故登记
    </Button>
  );
}

/** A letter printed for this person, and how letters address them. */
function LetterActions({ person }: { person: PersonFile }) {
  const [kind, setKind] = useState<LetterKind>(person.status === '已故' ? 'bereavement' : 'sympathy');
  const addressForm = useRpc('letters.addressForm', { personId: person.id });
  const setAddressForm = useRpcMutation('letters.setAddressForm', {
    invalidates: ['letters.addressForm'],
    onSuccess: (_r, { form }) => done(form ? `信函中称其为“${form}”` : '信函称呼按模板'),
  });
  // While the choice is being saved, the box shows it (and the saved one afterwards).
  const shown = setAddressForm.isPending ? setAddressForm.variables.form : (addressForm.data?.form ?? null);
  return (
    <>
      <Select
        aria-label="信函"
        w={150}
        data={Object.entries(LETTER_KINDS).map(([value, label]) => ({ value, label }))}
        value={kind}
        onChange={(v) => setKind((v as LetterKind) ?? 'sympathy')}
        allowDeselect={false}
      />
      <Button variant="light" onClick={() => navigate('/print/letters', { kind, people: String(person.id) })}>
        打印信函
      </Button>
      <Can method="letters.setAddressForm">
        <Select
          aria-label="称呼"
          w={200}
          placeholder="信函称呼：按模板"
          clearable
          data={[...ADDRESS_FORMS]}
          value={shown ?? null}
          onChange={(v) => setAddressForm.mutate({ personId: person.id, form: (v as AddressForm | null) ?? null })}
        />
      </Can>
    </>
  );
}
