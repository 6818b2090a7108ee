import { Alert, AppShell, Badge, Group, Loader, NavLink, Stack, Text, Title } from '@mantine/core';
import { IconSitemap, IconCalendarCheck, IconBook, IconFileImport, IconGift, IconHome, IconMail, IconMessages, IconReceipt, IconSettings, IconUsers } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../src-main/api/contract';
import { call } from './api';
import { HomePage } from './pages/HomePage';
import { ImportPage } from './pages/ImportPage';
import { setPendingRoster } from './files';
import { PeoplePage } from './pages/PeoplePage';
import { ClaimsPage } from './pages/claims/ClaimsPage';
import { PrintPage } from './pages/PrintPage';
import { PRINT_DOCS, PrintDocPage, type PrintDocKind } from './pages/PrintDocPage';
import { VisitsPage } from './pages/VisitsPage';
import { LettersPage } from './pages/LettersPage';
import { PetitionsPage } from './pages/PetitionsPage';
import { AnnualPage } from './pages/AnnualPage';
import { OrgPage } from './pages/OrgPage';
import { ActivitiesPage } from './pages/ActivitiesPage';
import { PersonPage } from './pages/PersonPage';
import { SettingsPage } from './pages/SettingsPage';
import { SetupPage } from './pages/SetupPage';
import { navigate, useRoute } from './route';
import { LeaveGuardDialog } from './kit/leaveGuard';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const route = useRoute();
  const reload = useCallback(() => {
    call('app.info', {}).then(setInfo, (e: Error) => setFailure(e.message));
  }, []);
  useEffect(reload, [reload]);

  if (failure) {
    return (
      <Alert color="red" title="程序无法启动" m="xl">
        {failure}
      </Alert>
    );
  }
  if (!info) {
    return (
      <Group justify="center" mt="20vh">
        <Loader />
        <Text>正在打开数据库……</Text>
      </Group>
    );
  }
  if (!info.configured) return <SetupPage onDone={setInfo} notices={info.notices} />;

  const [section, sub] = route.path;
  // Paper comes alone: no menu, no header.
  if (section === 'print' && PRINT_DOCS.includes(sub as PrintDocKind)) return <PrintDocPage kind={sub as PrintDocKind} params={route.params} />;
  if (section === 'print') return <PrintPage path={route.path} params={route.params} info={info} />;
  let page;
  if (section === 'people' && sub === 'new') page = <PersonPage key="new" id={null} />;
  else if (section === 'people' && sub) page = <PersonPage key={sub} id={Number(sub)} />;
  else if (section === 'people') page = <PeoplePage params={route.params} />;
  else if (section === 'settings') page = <SettingsPage info={info} onChanged={reload} />;
  else if (section === 'import') page = <ImportPage key={route.params.get('n') ?? ''} />;
  else if (section === 'letters') page = <LettersPage />;
  else if (section === 'petitions') page = <PetitionsPage key={sub ?? ''} id={sub ? Number(sub) : null} />;
  else if (section === 'visits') page = <VisitsPage key={sub ?? ''} id={sub ? Number(sub) : null} />;
  else if (section === 'activities') page = <ActivitiesPage key={route.path.join('/')} path={route.path.slice(1)} />;
  else if (section === 'org') page = <OrgPage params={route.params} />;
  else if (section === 'annual') page = <AnnualPage tab={sub} params={route.params} />;
  else if (section === 'claims') page = <ClaimsPage path={route.path.slice(1)} params={route.params} />;
  else page = <HomePage />;

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 200, breakpoint: 0 }} padding="lg">
      <AppShell.Header px="lg">
        <Group h="100%" justify="space-between">
          <Group gap="sm">
            <Title order={3} c="red.9">
              离退休服务管理
            </Title>
            <Text c="dimmed" size="md">
              {info.orgName}
            </Text>
          </Group>
          <Badge variant="light" color="gray" size="lg">
            经办人：{info.operatorName}
          </Badge>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <NavLink label="首页" leftSection={<IconHome size={20} />} active={!section} onClick={() => navigate('/')} />
        <NavLink
          label="人员档案"
          leftSection={<IconUsers size={20} />}
          active={section === 'people'}
          onClick={() => navigate('/people')}
        />
        <NavLink
          label="导入花名册"
          leftSection={<IconFileImport size={20} />}
          active={section === 'import'}
          onClick={() => navigate('/import')}
        />
        <NavLink
          label="走访慰问"
          leftSection={<IconGift size={20} />}
          active={section === 'visits'}
          onClick={() => navigate('/visits')}
        />
        <NavLink label="组织网络" leftSection={<IconSitemap size={20} />} active={section === 'org'} onClick={() => navigate('/org')} />
        <NavLink label="活动学习" leftSection={<IconBook size={20} />} active={section === 'activities'} onClick={() => navigate('/activities')} />
        <NavLink label="信函模板" leftSection={<IconMail size={20} />} active={section === 'letters'} onClick={() => navigate('/letters')} />
        <NavLink label="信访接待" leftSection={<IconMessages size={20} />} active={section === 'petitions'} onClick={() => navigate('/petitions')} />
        <NavLink
          label="药费报销"
          leftSection={<IconReceipt size={20} />}
          active={section === 'claims'}
          onClick={() => navigate('/claims')}
        />
        <NavLink label="年度工作" leftSection={<IconCalendarCheck size={20} />} active={section === 'annual'} onClick={() => navigate('/annual')} />
        <NavLink
          label="系统设置"
          leftSection={<IconSettings size={20} />}
          active={section === 'settings'}
          onClick={() => navigate('/settings')}
        />
      </AppShell.Navbar>
      <AppShell.Main
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          // A roster dropped anywhere on the window opens the import wizard with it.
          const f = e.dataTransfer.files[0];
          if (!f || !/\.(xlsx|xls|csv)$/i.test(f.name)) return;
          e.preventDefault();
          setPendingRoster(f);
          navigate('/import', { n: String(Date.now()) });
        }}
      >
        <Stack gap="md">
          {info.notices
            .filter((n) => !dismissed.includes(n))
            .map((n) => (
              <Alert key={n} color="orange" title="请注意" withCloseButton closeButtonLabel="知道了" onClose={() => setDismissed((d) => [...d, n])}>
                {n}
              </Alert>
            ))}
          {page}
        </Stack>
        <LeaveGuardDialog />
      </AppShell.Main>
    </AppShell>
  );
}
