// The app shell: the route table's page for the address, inside the header (查找, 字号, 经办人)
// and the menu, with the command palette, the notices and the leave question. Keyboard: Tab
// reaches everything; Ctrl+K finds a person or a page; each menu entry has its Alt+digit; F6 moves
// between the header, the menu and the page.
import {
  Alert,
  AppShell,
  Badge,
  Button,
  Group,
  Kbd,
  Loader,
  NavLink,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { contract } from '../src-main/contract';
import { mayUse, ROLE_LABELS, type Role } from '../src-main/shared/permissions';
import { call, SIGNED_OUT_EVENT } from './api';
import type { AppInfo } from '../src-main/contract/app';
import { IntegrityBanner } from './components/IntegrityBanner';
import { setPendingRoster } from './files';
import { CommandPalette, openPalette, PALETTE_SHORTCUT } from './kit/CommandPalette';
import { LeaveGuardDialog } from './kit/leaveGuard';
import { activeMenuHref, findRoute, menuOf, useMenuShortcuts, type RouteMatch } from './kit/routes';
import { NoPermission, OperatorProvider } from './kit/operator';
import { rpcKey, useRpc } from './kit/rpc';
import { TypeSizeControl, useAppliedTypeSize } from './kit/typeSize';
import { useWorkstationSetting } from './kit/workstationSetting';
import { FirstPasswordPage, LoginPage, RecoveryCodeScreen } from './pages/LoginPage';
import { SetupPage } from './pages/SetupPage';
import { navigate, useRoute, type Route } from './route';
import { FALLBACK, ROUTES } from './routeTable';

const MENU = menuOf(ROUTES);

/** Whether a role may open a route: the method its page needs, as the contract declares it. */
const mayOpen = (role: Role, def: { needs?: keyof typeof contract }) =>
  !def.needs || mayUse(role, contract[def.needs].needs);

/** The events that count as use of the app for the idle lock. */
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'pointermove'] as const;

/**
 * Locks the app after `minutes` without use (设置 › 自动锁定): signs out and the log-in screen comes
 * back. The router locks the session by itself too (router.ts); this shows it without waiting for a call.
 */
function useIdleLock(minutes: number, lock: () => void) {
  const last = useRef(0);
  useEffect(() => {
    const seen = () => (last.current = Date.now());
    seen();
    for (const e of ACTIVITY) window.addEventListener(e, seen, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) lock();
    }, 15_000);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, seen);
      window.clearInterval(timer);
    };
  }, [minutes, lock]);
}

/** In px, not scaled (`calc` keeps Mantine from making it rem): the labels fit it at 特大, and the page keeps the width. */
const NAVBAR_WIDTH = 'calc(200px)';

/** The three regions F6 moves between, in order. */
const REGIONS = ['header', 'menu', 'main'] as const;

function focusRegion(step: 1 | -1) {
  const els = REGIONS.map((r) => document.querySelector<HTMLElement>(`[data-region="${r}"]`));
  const at = els.findIndex((el) => el?.contains(document.activeElement));
  const next = els[at < 0 ? (step === 1 ? 0 : REGIONS.length - 1) : (at + step + REGIONS.length) % REGIONS.length];
  if (!next) return;
  const target =
    next.dataset.region === 'main'
      ? next
      : (next.querySelector<HTMLElement>('[aria-current="page"]') ??
        next.querySelector<HTMLElement>('a[href], button:not([disabled]), input:not([disabled])'));
  target?.focus();
}

/** Hands the keyboard to the page region: the next Tab is the page's first control. */
function focusMain() {
  document.querySelector<HTMLElement>('[data-region="main"]')?.focus({ preventScroll: true });
}

function routeFor(route: Route) {
  const found = findRoute(ROUTES, route);
  const fallback: RouteMatch = { params: {}, rest: [], path: route.path, query: route.params };
  return found ?? { def: FALLBACK, match: fallback };
}

/** What happened at start that the user must be told; each can be put away for good (per notice text). */
function Notices({ notices }: { notices: string[] }) {
  const [dismissed, setDismissed] = useWorkstationSetting<string[]>('retiree-office.dismissedNotices', []);
  const shown = notices.filter((n) => !dismissed.includes(n));
  return shown.map((n) => (
    <Alert
      key={n}
      color="orange"
      variant="light"
      py={6}
      px="sm"
      withCloseButton
      closeButtonLabel="知道了，不再显示"
      onClose={() => setDismissed([...dismissed, n])}
      styles={{ closeButton: { alignSelf: 'center' } }}
    >
      <Text size="sm">请注意：{n}</Text>
    </Alert>
  ));
}

function Shell({ info, route, page }: { info: AppInfo; route: Route; page: ReactNode }) {
  const active = activeMenuHref(ROUTES, route);
  const role = info.operator!.role;
  // The menu holds only what the role may open.
  const menu = MENU.filter((e) => mayOpen(role, e));
  useMenuShortcuts(menu);
  const client = useQueryClient();
  const lock = useCallback(() => {
    void call('auth.logout', {}).then((after) => client.setQueryData(rpcKey('app.info', {}), after));
  }, [client]);
  useIdleLock(info.idleMinutes, lock);
  // A page opened from the menu (or by a control that is gone with the old page) takes the
  // keyboard, so that Tab goes on in the page and not through the rest of the menu.
  const at = route.path.join('/');
  const shown = useRef(at);
  useEffect(() => {
    if (shown.current === at) return;
    shown.current = at;
    const focused = document.activeElement;
    if (!focused || focused === document.body || document.querySelector('[data-region="menu"]')?.contains(focused))
      focusMain();
  }, [at]);
  useHotkeys(
    [
      ['F6', () => focusRegion(1)],
      ['shift+F6', () => focusRegion(-1)],
    ],
    [],
  );
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: NAVBAR_WIDTH, breakpoint: 0 }} padding="md">
      <AppShell.Header px="md" data-region="header">
        <Group h="100%" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Title order={3} c="red.9" style={{ whiteSpace: 'nowrap' }}>
              离退休服务管理
            </Title>
            <Text c="dimmed" size="md" truncate="end" title={info.orgName}>
              {info.orgName}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Tooltip
              label={`查找人员或页面（${PALETTE_SHORTCUT}）`}
              events={{ hover: true, focus: true, touch: false }}
            >
              <Button
                variant="default"
                leftSection={<IconSearch size={18} />}
                rightSection={<Kbd>{PALETTE_SHORTCUT}</Kbd>}
                onClick={openPalette}
                aria-keyshortcuts="Control+K"
              >
                查找
              </Button>
            </Tooltip>
            <TypeSizeControl compact />
            <Badge variant="light" color="gray" size="lg" style={{ flexShrink: 0 }}>
              经办人：{info.operatorName}
            </Badge>
            <Badge variant="light" color={role === 'admin' ? 'red' : 'blue'} size="lg" style={{ flexShrink: 0 }}>
              {ROLE_LABELS[role]}
            </Badge>
            <Button variant="default" onClick={lock} title="锁定后需重新输入密码">
              锁定
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="主菜单" data-region="menu">
        {menu.map((e) => (
          <Tooltip
            key={e.href}
            label={e.menu.shortcut ? `${e.menu.label}（${e.menu.shortcut}）` : e.menu.label}
            position="right"
            openDelay={400}
            events={{ hover: true, focus: true, touch: false }}
          >
            <NavLink
              component="a"
              href={e.href}
              label={e.menu.label}
              leftSection={<e.menu.icon size={20} />}
              active={e.href === active}
              aria-current={e.href === active ? 'page' : undefined}
              aria-keyshortcuts={e.menu.shortcut}
            />
          </Tooltip>
        ))}
      </AppShell.Navbar>
      <AppShell.Main
        data-region="main"
        tabIndex={-1}
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
          <IntegrityBanner info={info} />
          <Notices notices={info.notices} />
          {page}
        </Stack>
        <LeaveGuardDialog />
      </AppShell.Main>
      <CommandPalette
        afterGo={focusMain}
        pages={menu.map((e) => ({
          label: e.menu.label,
          href: e.href,
          icon: e.menu.icon,
          shortcut: e.menu.shortcut,
          keywords: e.menu.keywords,
        }))}
      />
    </AppShell>
  );
}

export function App() {
  const route = useRoute();
  const client = useQueryClient();
  // Shown once after the first start or a recovery, before anything else.
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  // A call that found nobody signed in (the idle lock, the system's lock): the log-in screen.
  useEffect(() => {
    const signedOut = () => void client.invalidateQueries({ queryKey: rpcKey('app.info') });
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, [client]);
  // The full check of the database finishes after start: asked again until it has said.
  const info = useRpc(
    'app.info',
    {},
    { refetchInterval: (q) => (q.state.data?.integrity.state === 'checking' ? 1000 : false) },
  );
  const { def, match } = routeFor(route);
  useAppliedTypeSize(!!def.bare);

  if (info.error && !info.data) {
    return (
      <Alert color="red" title="程序无法启动" m="xl">
        {info.error.message}
      </Alert>
    );
  }
  if (!info.data) {
    return (
      <Group justify="center" mt="20vh">
        <Loader />
        <Text>正在打开数据库……</Text>
      </Group>
    );
  }
  if (recoveryCode) return <RecoveryCodeScreen code={recoveryCode} onDone={() => setRecoveryCode(null)} />;
  if (!info.data.configured) return <SetupPage notices={info.data.notices} onRecoveryCode={setRecoveryCode} />;
  if (info.data.needsFirstPassword) return <FirstPasswordPage info={info.data} onDone={setRecoveryCode} />;
  if (!info.data.operator) return <LoginPage info={info.data} onRecovered={setRecoveryCode} />;
  const page = mayOpen(info.data.operator.role, def) ? (
    def.render(match, { info: info.data })
  ) : (
    <NoPermission what={def.menu?.label ?? '此页面'} />
  );
  return (
    <OperatorProvider operator={info.data.operator}>
      {def.bare ? page : <Shell info={info.data} route={route} page={page} />}
    </OperatorProvider>
  );
}
