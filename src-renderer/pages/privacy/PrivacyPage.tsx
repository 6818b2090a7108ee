// 个人信息保护: what the Personal Information Protection Law asks the office to keep — the processing
// rules to post, impact assessments (Art. 55–56), close relatives' requests for a deceased person's
// data (Art. 49), and the review of the deceased's files after the years the office sets.
import { Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { navigate } from '../../route';
import { AccessLogTab } from './AccessLogTab';
import { AssessmentsTab } from './AssessmentsTab';
import { RelativeRequestsTab } from './RelativeRequestsTab';
import { RetentionTab } from './RetentionTab';

const TABS = {
  rules: '处理规则',
  assessments: '影响评估',
  relatives: '近亲属查阅',
  retention: '保存期限复核',
  access: '访问记录',
} as const;
type Tab = keyof typeof TABS;

export function PrivacyPage({ tab }: { tab?: string }) {
  const current: Tab = tab && tab in TABS ? (tab as Tab) : 'rules';
  return (
    <Stack gap="md">
      <Title order={2}>个人信息保护</Title>
      <Tabs value={current} onChange={(t) => navigate(t === 'rules' ? '/privacy' : `/privacy/${t}`)}>
        <Tabs.List>
          {Object.entries(TABS).map(([value, label]) => (
            <Tabs.Tab key={value} value={value} fz="md">
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="rules" pt="md">
          <Stack gap="sm" maw={760}>
            <Text>
              个人信息处理规则告知离退休人员及其家属：本办公室处理哪些个人信息、为什么处理、保存多久、如何查阅和更正。
              打印后张贴在接待室，或随通知发放。单位名称取自“系统设置”，落款日期为打印当天。
            </Text>
            <Group>
              <Button leftSection={<IconPrinter size={18} />} onClick={() => navigate('/print/privacy-rules')}>
                打印个人信息处理规则
              </Button>
            </Group>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="assessments" pt="md">
          {current === 'assessments' && <AssessmentsTab />}
        </Tabs.Panel>
        <Tabs.Panel value="relatives" pt="md">
          {current === 'relatives' && <RelativeRequestsTab />}
        </Tabs.Panel>
        <Tabs.Panel value="retention" pt="md">
          {current === 'retention' && <RetentionTab />}
        </Tabs.Panel>
        <Tabs.Panel value="access" pt="md">
          {current === 'access' && <AccessLogTab />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
