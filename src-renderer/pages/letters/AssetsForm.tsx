// The letterhead, the seal and the sender's address that letters and envelopes carry: one office
// setting, edited as a form of the kit (保存 or Ctrl+S; leaving with changes asks first).
import {
  Button,
  FileButton,
  Group,
  Image,
  Input,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { contract, type OutputOf } from '../../../src-main/contract';
import { call } from '../../api';
import { fileToBase64 } from '../../files';
import { useContractForm } from '../../kit/form';
import { Can, Editable } from '../../kit/operator';
import { rpcKey, useRpc } from '../../kit/rpc';
import { SaveBar } from '../../kit/SaveBar';
import { done } from '../../notify';

type Assets = OutputOf<'letters.assets'>;

export function AssetsPanel() {
  const assets = useRpc('letters.assets', {});
  return assets.data ? <AssetsForm assets={assets.data} /> : null;
}

function AssetsForm({ assets }: { assets: Assets }) {
  const client = useQueryClient();
  const f = useContractForm<Assets>({
    initial: assets,
    schema: contract['letters.setAssets'].input,
    what: '信头、印章和寄信人地址',
    submit: async (values) => {
      const next = { ...values, orgPostcode: values.orgPostcode || null };
      await call('letters.setAssets', next);
      client.setQueryData(rpcKey('letters.assets', {}), next);
      // Letters and envelopes carry them.
      await Promise.all(
        ['letters.render', 'letters.envelopes'].map((m) => client.invalidateQueries({ queryKey: [m] })),
      );
      done('已保存信头、印章和寄信人地址');
      return next;
    },
  });
  const { form } = f;
  const v = form.getValues();
  const image = async (which: 'letterhead' | 'seal', file: File | null) => {
    if (!file) return;
    form.setFieldValue(which, `data:${file.type};base64,${await fileToBase64(file)}`);
  };
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          信头、印章和寄信人地址
        </Title>
        <Editable method="letters.setAssets">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Stack>
              <Text fw={500}>信头图片（可不设）</Text>
              {v.letterhead && <Image src={v.letterhead} h={60} fit="contain" alt="信头" />}
              <Can method="letters.setAssets">
                <Group>
                  <FileButton onChange={(file) => void image('letterhead', file)} accept="image/png,image/jpeg">
                    {(p) => (
                      <Button {...p} variant="light">
                        选择信头图片
                      </Button>
                    )}
                  </FileButton>
                  {v.letterhead && (
                    <Button variant="subtle" color="gray" onClick={() => form.setFieldValue('letterhead', null)}>
                      不用信头
                    </Button>
                  )}
                </Group>
              </Can>
              {form.errors.letterhead && <Input.Error>{form.errors.letterhead}</Input.Error>}
              <Text fw={500}>印章图片（透明背景的 PNG，可不设）</Text>
              {v.seal && <Image src={v.seal} h={80} w={80} fit="contain" alt="印章" />}
              <Can method="letters.setAssets">
                <Group>
                  <FileButton onChange={(file) => void image('seal', file)} accept="image/png">
                    {(p) => (
                      <Button {...p} variant="light">
                        选择印章图片
                      </Button>
                    )}
                  </FileButton>
                  {v.seal && (
                    <Button variant="subtle" color="gray" onClick={() => form.setFieldValue('seal', null)}>
                      不用印章
                    </Button>
                  )}
                </Group>
              </Can>
              {form.errors.seal && <Input.Error>{form.errors.seal}</Input.Error>}
            </Stack>
            <Stack>
              <TextInput
                label="寄信人地址（印在信封右下角）"
                {...form.getInputProps('orgAddress')}
                value={v.orgAddress ?? ''}
              />
              <TextInput label="寄信人邮编" {...form.getInputProps('orgPostcode')} value={v.orgPostcode ?? ''} />
            </Stack>
          </SimpleGrid>
        </Editable>
        {f.error && !Object.keys(form.errors).length && (
          <Text c="red.8" role="alert" mt="sm">
            {f.error}
          </Text>
        )}
      </Paper>
      <Can method="letters.setAssets" otherwise="不能修改信头、印章和寄信人地址，只能查看">
        <SaveBar dirty={f.dirty} saving={f.saving} onSave={() => void f.save()} />
      </Can>
    </Stack>
  );
}
