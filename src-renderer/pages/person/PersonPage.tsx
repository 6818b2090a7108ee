// A person's file: 档案信息 and 家属及联系人 on one form (the save rule: only what the user changed is
// sent, against the version it was loaded from), the timeline, attachments and history beside it.
// When the file is read again under the form (a death registered in the timeline, an attachment
// added, a conflict's 载入最新内容), the user's edits stay on top of it.
import { Alert, Badge, Button, Group, Loader, Modal, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft } from '@tabler/icons-react';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { PersonFile } from '../../../src-main/contract/retirees';
import { formatAge, personAge } from '../../../src-main/shared/dates';
import { isPartyMember } from '../../../src-main/shared/person';
import { AttachmentsTab } from '../../components/AttachmentsTab';
import { useContractForm } from '../../kit/form';
import { Can, Editable, RoleNote, useCan } from '../../kit/operator';
import { rpcKey, useRpc, useRpcMutation } from '../../kit/rpc';
import { READ_ON_OPEN } from './freshness';
import { SaveBar } from '../../kit/SaveBar';
import { done } from '../../notify';
import { navigate } from '../../route';
import { PersonDuesTab } from '../dues/PersonDuesTab';
import { SocializedBadge } from '../handover/SocializedBadge';
import { ContactsTab } from './ContactsTab';
import { HistoryTab } from './HistoryTab';
import { PersonFields } from './PersonFields';
import { cleanEdit, cleaned, draftOf, EMPTY, type PersonDraft } from './personDraft';
import { PersonTimeline } from './timeline/PersonTimeline';

export type { PersonDraft } from './personDraft';

export function PersonPage({ id }: { id: number | null }) {
  const file = useRpc('retirees.get', id === null ? null : { id }, READ_ON_OPEN);
  if (id === null) return <PersonForm file={null} />;
  if (file.data) return <PersonForm file={file.data} />;
  return file.error ? <Alert color="red">{file.error.message}</Alert> : <Loader />;
}

/** What a save of the file makes stale besides the file itself (which the save's reply replaces). */
const FILE_READERS = ['retirees.history', 'retirees.list', 'retirees.figures', 'retirees.filterOptions'] as const;

function PersonForm({ file }: { file: PersonFile | null }) {
  const client = useQueryClient();
  const units = useRpc('org.units', {}, READ_ON_OPEN).data ?? [];
  const [tab, setTab] = useState<string | null>('file');
  /** The ID-number warnings the router wants confirmed before it saves. */
  const [confirm, setConfirm] = useState<string | null>(null);
  const acceptWarnings = useRef(false);
  const createdId = useRef<number | null>(null);

  const saved = (p: PersonFile) => {
    client.setQueryData(rpcKey('retirees.get', { id: p.id }), p);
    done(`${p.name}的档案已保存`);
  };
  // Refusals are shown on the form: beside their fields, and in the save bar.
  const create = useRpcMutation('retirees.create', {
    invalidates: [...FILE_READERS],
    onSuccess: saved,
    onError: () => {},
  });
  const update = useRpcMutation('retirees.update', {
    invalidates: [...FILE_READERS],
    onSuccess: saved,
    onError: () => {},
  });

  const f = useContractForm<PersonDraft>({
    initial: file ? draftOf(file) : EMPTY,
    what: file ? `${file.name}的档案` : '新建的档案',
    submit: async (values, edit) => {
      const accept = acceptWarnings.current;
      const p =
        file === null
          ? await create.mutateAsync({ person: cleaned(values), acceptWarnings: accept })
          : await update.mutateAsync({
              id: file.id,
              version: file.version,
              ...cleanEdit(edit),
              acceptWarnings: accept,
            });
      createdId.current = p.id;
      setConfirm(null);
      return draftOf(p);
    },
    onRefused: (e) => {
      if (e.code !== 'needs_confirmation') return false;
      setConfirm(e.message);
      return true;
    },
  });
  const values = f.form.getValues();

  // The file read again (by whatever changed it): the user's edits stay on top of the new record.
  const seen = useRef(file);
  const reload = useEffectEvent((next: PersonFile) => f.reloaded(draftOf(next)));
  useEffect(() => {
    if (file && seen.current !== file) {
      seen.current = file;
      reload(file);
    }
  }, [file]);

  const save = async (accept = false) => {
    acceptWarnings.current = accept;
    const ok = await f.save();
    acceptWarnings.current = false;
    // A new file moves to its own address once saved.
    if (ok && file === null && createdId.current !== null) {
      f.release();
      navigate(`/people/${createdId.current}`);
    }
  };
  /** After a conflict: the file as it is now, the user's edits on top (the effect above), then the refusal goes. */
  const loadLatest = async () => {
    if (file) await client.invalidateQueries({ queryKey: rpcKey('retirees.get', { id: file.id }) });
    f.clearError();
  };

  /** The call 保存 makes: a role that may not make it reads the file, its fields disabled. */
  const saveMethod = file === null ? 'retirees.create' : 'retirees.update';
  const canSave = useCan(saveMethod);
  const age = formatAge(personAge(values));
  const reviewFlags = values.reviewFlags ?? [];
  return (
    <Stack gap="md">
      <Group gap="sm">
        <Button variant="subtle" leftSection={<IconArrowLeft size={18} />} onClick={() => window.history.back()}>
          返回
        </Button>
        <Title order={2}>{file ? file.name : '新建档案'}</Title>
        {file && (
          <>
            {age && <Text size="lg">{age}</Text>}
            <Badge size="lg" variant="light">
              {file.category}
            </Badge>
            <Badge
              size="lg"
              color={file.status === '在册' ? 'green' : file.status === '已故' ? 'dark' : 'gray'}
              variant="light"
            >
              {file.status}
            </Badge>
            <SocializedBadge personId={file.id} status={file.status} />
          </>
        )}
      </Group>
      {!canSave && <RoleNote>不能修改档案，只能查阅和打印</RoleNote>}
      {reviewFlags.length > 0 && (
        <Alert color="yellow" title="此档案待核实">
          <Stack gap={6}>
            {reviewFlags.map((flag) => (
              <Group key={flag} justify="space-between" wrap="nowrap">
                <Text size="sm">{flag}</Text>
                <Can method="retirees.update">
                  <Button
                    size="compact-md"
                    variant="white"
                    color="yellow.9"
                    onClick={() =>
                      f.form.setFieldValue(
                        'reviewFlags',
                        reviewFlags.filter((x) => x !== flag),
                      )
                    }
                  >
                    已核实，清除
                  </Button>
                </Can>
              </Group>
            ))}
          </Stack>
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="file">档案信息</Tabs.Tab>
          <Tabs.Tab value="contacts">家属及联系人（{values.contacts?.length ?? 0}）</Tabs.Tab>
          {file && <Tabs.Tab value="visits">走访慰问</Tabs.Tab>}
          {file && isPartyMember(file.politicalStatus) && <Tabs.Tab value="dues">党费</Tabs.Tab>}
          {file && <Tabs.Tab value="attachments">附件（{file.attachments.length}）</Tabs.Tab>}
          {file && <Tabs.Tab value="history">变更记录</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="file" pt="md">
          <Editable method={saveMethod}>
            <PersonFields form={f.form} units={units} personId={file?.id ?? null} />
          </Editable>
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="md">
          <Editable method={saveMethod}>
            <ContactsTab form={f.form} personId={file?.id ?? null} />
          </Editable>
        </Tabs.Panel>
        {file && (
          <Tabs.Panel value="visits" pt="md">
            <PersonTimeline person={file} />
          </Tabs.Panel>
        )}
        {file && isPartyMember(file.politicalStatus) && (
          <Tabs.Panel value="dues" pt="md">
            <PersonDuesTab personId={file.id} />
          </Tabs.Panel>
        )}
        {file && (
          <Tabs.Panel value="attachments" pt="md">
            <AttachmentsTab personId={file.id} attachments={file.attachments} />
          </Tabs.Panel>
        )}
        {file && (
          <Tabs.Panel value="history" pt="md">
            <HistoryTab personId={file.id} />
          </Tabs.Panel>
        )}
      </Tabs>
      {canSave && (
        <SaveBar dirty={f.dirty} saving={f.saving} onSave={() => void save()} canSave={f.dirty || file === null}>
          {/* In the bar, beside 保存: a refusal is seen wherever the file is scrolled. */}
          {f.error && (
            <Group gap="sm" wrap="nowrap">
              <Text c="red.8" fw={500} role="alert" maw={640}>
                未能保存：{f.error}
              </Text>
              {f.conflict && (
                <Button size="compact-md" variant="light" color="red" onClick={() => void loadLatest()}>
                  载入最新内容（保留我的修改）
                </Button>
              )}
            </Group>
          )}
        </SaveBar>
      )}
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title="保存前请核对" size="lg">
        <Stack>
          <Text>{confirm}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              返回修改
            </Button>
            <Button color="orange" onClick={() => void save(true)} loading={f.saving}>
              按原样保存并标记待核实
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
