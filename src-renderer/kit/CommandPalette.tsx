// The command palette (@mantine/spotlight): Ctrl+K from anywhere, a text field included; typing
// finds people by name, pinyin initials or ID number (the people list's own search,
// `retirees.list` with `q`) and any page of the menu; ↑/↓ choose, Enter goes there, Esc closes.
import { Group, Kbd, Loader, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createSpotlight, Spotlight, useSpotlight } from '@mantine/spotlight';
import { IconArrowRight, IconSearch, IconUser } from '@tabler/icons-react';
import { useEffect, type ComponentType, type ReactNode } from 'react';
import type { PersonRow } from '../../src-main/contract/retirees';
import { formatAge } from '../../src-main/shared/dates';
import { useRpc } from './rpc';
import { countLabel, MatchedValue } from './SearchMatch';

/** A page the palette offers: a menu entry of the route table. */
export interface PaletteDestination {
  label: string;
  href: string;
  icon?: ComponentType<{ size?: number | string }>;
  shortcut?: string;
  keywords?: string[];
}

const [store, palette] = createSpotlight();

/** Opens the palette (the header's 查找 button). */
export const openPalette = palette.open;
export const closePalette = palette.close;

export const PALETTE_SHORTCUT = 'Ctrl+K';

/** How many people are listed; the rest are one Enter away in 人员档案. */
const PEOPLE_SHOWN = 8;

/** Pages whose label or keywords hold what was typed (case and spaces aside). */
export function matchPages(pages: PaletteDestination[], query: string): PaletteDestination[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return pages;
  return pages.filter((p) => [p.label, ...(p.keywords ?? [])].some((w) => w.toLowerCase().includes(q)));
}

/**
 * 刘文华 · 退休 · 86岁 · 210102********123X, as the list shows a person; found by part of the ID or
 * a phone, the line leaves the ID to the match, shown beside it (MatchedValue).
 */
export function personLine(p: PersonRow): string {
  return [p.category, p.status === '在册' ? null : p.status, formatAge(p.age), p.match ? null : p.idNumberMasked]
    .filter(Boolean)
    .join(' · ');
}

interface Entry {
  id: string;
  label: string;
  description?: string;
  icon: ReactNode;
  right?: ReactNode;
  go: () => void;
}

// Where the keyboard was before the palette opened, and whether the palette went somewhere: once
// it has closed, the keyboard is put back, or (after going somewhere) handed to `afterGo`.
let before: Element | null = null;
let went = false;

const go = (hash: string) => () => {
  went = true;
  window.location.hash = hash;
};

export function CommandPalette({
  pages,
  afterGo,
}: {
  pages: PaletteDestination[];
  /** Where the keyboard goes on the page opened (the page region). */ afterGo?: () => void;
}) {
  const { query, opened, selected } = useSpotlight(store);
  const typed = query.trim();
  const [searched] = useDebouncedValue(typed, 250);
  // Results are shown for what is in the box now, never for what it held a moment ago.
  const settled = searched === typed;
  const people = useRpc('retirees.list', opened && searched ? { q: searched, pageSize: PEOPLE_SHOWN } : null);
  const found = settled && people.data ? people.data : null;
  const looking = !!typed && (!settled || people.isFetching);

  const personEntries: Entry[] = (found?.rows ?? []).map((p) => ({
    id: `person-${p.id}`,
    label: p.name,
    description: personLine(p),
    right: p.match ? <MatchedValue match={p.match} /> : undefined,
    icon: <IconUser size={20} />,
    go: go(`#/people/${p.id}`),
  }));
  if (found && found.total > found.rows.length)
    personEntries.push({
      id: 'people-all',
      label: `在人员档案中查看全部 ${countLabel(found)} 人`,
      icon: <IconArrowRight size={20} />,
      go: go(`#/people?q=${encodeURIComponent(typed)}`),
    });
  const pageEntries: Entry[] = matchPages(pages, typed).map((p) => ({
    id: `page-${p.href}`,
    label: p.label,
    icon: p.icon ? <p.icon size={20} /> : <IconArrowRight size={20} />,
    right: p.shortcut ? <Kbd>{p.shortcut}</Kbd> : undefined,
    go: go(p.href),
  }));
  // Spotlight marks the chosen action by its place among all of them (↑/↓ move it, typing puts
  // it on the first): drawn here from the store, so results that arrive later are marked too.
  const all = [...personEntries, ...pageEntries];
  // People found after the typing (the list was empty then, so nothing was chosen): the first is.
  const unchosen = opened && !!typed && all.length > 0 && (selected < 0 || selected >= all.length);
  useEffect(() => {
    if (unchosen) store.setState({ ...store.getState(), selected: 0 });
  }, [unchosen]);
  const action = (e: Entry, i: number) => (
    <Spotlight.Action
      key={e.id}
      label={e.label}
      description={e.description}
      leftSection={e.icon}
      rightSection={e.right}
      onClick={e.go}
      data-selected={i === selected || undefined}
    />
  );

  return (
    <Spotlight.Root
      store={store}
      shortcut={['mod + K']}
      tagsToIgnore={[]}
      scrollable
      maxHeight="60vh"
      size={640}
      returnFocus={false}
      onSpotlightOpen={() => {
        before = document.activeElement;
        went = false;
      }}
      transitionProps={{
        duration: 0,
        transition: 'pop',
        onExited: () => {
          if (went && afterGo) afterGo();
          else if (before instanceof HTMLElement && before.isConnected) before.focus();
        },
      }}
    >
      <Spotlight.Search
        placeholder="姓名、拼音首字母（如 zgl）、身份证号，或页面名称"
        aria-label="查找人员或页面"
        leftSection={<IconSearch size={20} />}
        rightSection={looking ? <Loader size="sm" /> : undefined}
      />
      <Spotlight.ActionsList aria-label="查找结果">
        {typed && personEntries.length > 0 && (
          <Spotlight.ActionsGroup label="人员">{personEntries.map((e, i) => action(e, i))}</Spotlight.ActionsGroup>
        )}
        {pageEntries.length > 0 && (
          <Spotlight.ActionsGroup label="页面">
            {pageEntries.map((e, i) => action(e, personEntries.length + i))}
          </Spotlight.ActionsGroup>
        )}
        {typed && !looking && all.length === 0 && <Spotlight.Empty>没有找到“{typed}”</Spotlight.Empty>}
        {looking && personEntries.length === 0 && <Spotlight.Empty>正在查找……</Spotlight.Empty>}
      </Spotlight.ActionsList>
      <Spotlight.Footer>
        <Group gap="lg">
          <Text c="dimmed" size="sm">
            <Kbd>↑</Kbd> <Kbd>↓</Kbd> 选择
          </Text>
          <Text c="dimmed" size="sm">
            <Kbd>Enter</Kbd> 打开
          </Text>
          <Text c="dimmed" size="sm">
            <Kbd>Esc</Kbd> 关闭
          </Text>
          <Text c="dimmed" size="sm">
            <Kbd>F6</Kbd> 在顶栏、菜单和正文之间切换
          </Text>
        </Group>
      </Spotlight.Footer>
    </Spotlight.Root>
  );
}
