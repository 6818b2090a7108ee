// 个人信息保护: what the Personal Information Protection Law asks the office to keep — the processing
// rules to post, impact assessments (Art. 55–56), close relatives' requests for a deceased person's
// data (Art. 49), and the review of the deceased's files after the years the office sets. Each tab
// names the call it is for: a role sees the tabs it may use (a 经办 registers relatives' requests,
// an assessment is an administrator's), and a tab reached by a link says 无权限.
import { Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { MethodName } from '../../../src-main/contract';
import { NoPermission, useMayCall } from '../../kit/operator';
import { navigate } from '../../route';
import { AccessLogTab } from './AccessLogTab';
import { AssessmentsTab } from './AssessmentsTab';
import { RelativeRequestsTab } from './RelativeRequestsTab';
import { RetentionTab } from './RetentionTab';

interface PrivacyTab {
  value: string;
  label: string;
  /** The call the tab is for: a role that may not make it does not see the tab. */
  method: MethodName;
  render: () => ReactNode;
}

/** One line a tab, in the order shown; the first is the page's own address (#/privacy). */
const TABS: readonly PrivacyTab[] = [
  { value: 'rules', label: '处理规则', method: 'privacy.rulesPrint', render: () => <RulesTab /> },
  { value: 'assessments', label: '影响评估', method: 'privacy.assessments', render: () => <AssessmentsTab /> },
  {
    value: 'relatives',
    label: '近亲属查阅',
    method: 'privacy.addRelativeRequest',
    render: () => <RelativeRequestsTab />,
  },
  { value: 'retention', label: '保存期限复核', method: 'privacy.retention', render: () => <RetentionTab /> },
  { value: 'access', label: '访问记录', method: 'accessLog.list', render: () => <AccessLogTab /> },
];

export function PrivacyPage({ tab }: { tab?: string }) {
  const mayCall = useMayCall();
  const current = TABS.find((t) => t.value === tab) ?? TABS[0];
  const usable = TABS.filter((t) => mayCall(t.method));
  return (
    <Stack gap="md">
      <Title order={2}>个人信息保护</Title>
      <Tabs value={current.value} onChange={(t) => navigate(t === TABS[0].value ? '/privacy' : `/privacy/${t}`)}>
        <Tabs.List>
          {usable.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} fz="md">
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={current.value} pt="md">
          {usable.includes(current) ? current.render() : <NoPermission what={current.label} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function RulesTab() {
  return (
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
  );
}
