// The route table's machinery: a page is found for an address by one list of routes, each a path
// pattern (`people/:id`, `visits/:id?`, `claims/*`) and what it shows; the same list gives the menu
// and the command palette its pages. Addresses stay hashes (route.ts): a reload keeps the page,
// back and forward work, and the leave guard (leaveGuard.tsx) sees every move as a `hashchange`.
import { useHotkeys } from '@mantine/hooks';
import type { ComponentType, ReactNode } from 'react';
import type { MethodName } from '../../src-main/contract';
import type { Route } from '../route';

/** What a route's page is given: the address's own parts. */
export interface RouteMatch {
  /** Named segments of the pattern (`:id` → `params.id`); absent optional ones are undefined. */
  params: Record<string, string | undefined>;
  /** What a `*` took, segment by segment. */
  rest: string[];
  /** The whole path, segment by segment. */
  path: string[];
  /** The address's query (`?status=在册&minAge=80`). */
  query: URLSearchParams;
}

export interface MenuEntry {
  label: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** A key combination that opens the page from anywhere (`Alt+2`); shown in its tooltip. */
  shortcut?: string;
  /** More words the command palette finds the page by: pinyin initials, what it holds. */
  keywords?: string[];
}

export interface RouteDef<C> {
  /** Segments: `people` literal, `:id` one segment, `:tab?` one or none (last only), `*` the rest. `''` is 首页. */
  pattern: string;
  /** Where the route also needs its parameters to be of a kind (a print document the app knows). */
  accept?: (m: RouteMatch) => boolean;
  render: (m: RouteMatch, context: C) => ReactNode;
  /** Paper: shown alone, without the header and the menu, at standard type size. */
  bare?: boolean;
  /** This route is a menu entry (and a page the command palette offers). */
  menu?: MenuEntry;
  /**
   * The contract method the page cannot do without: a role that may not call it does not see the
   * menu entry, and is told 无权限 when the address is reached by a link.
   */
  needs?: MethodName;
}

/** Matches a path against one pattern; null when it does not match. */
export function matchPattern(pattern: string, route: Route): RouteMatch | null {
  const parts = pattern.split('/').filter(Boolean);
  const params: Record<string, string | undefined> = {};
  const path = route.path;
  let i = 0;
  for (; i < parts.length; i++) {
    const part = parts[i];
    if (part === '*') return { params, rest: path.slice(i), path, query: route.params };
    const seg = path[i];
    if (part.startsWith(':')) {
      const optional = part.endsWith('?');
      const name = part.slice(1, optional ? -1 : undefined);
      if (seg === undefined) {
        if (!optional) return null;
        params[name] = undefined;
        continue;
      }
      params[name] = seg;
    } else if (seg !== part) return null;
  }
  if (path.length > i) return null;
  return { params, rest: [], path, query: route.params };
}

/** The first route of the table that takes this address, or null. */
export function findRoute<C>(
  table: readonly RouteDef<C>[],
  route: Route,
): { def: RouteDef<C>; match: RouteMatch } | null {
  for (const def of table) {
    const match = matchPattern(def.pattern, route);
    if (match && (!def.accept || def.accept(match))) return { def, match };
  }
  return null;
}

/** Where a menu entry leads: its pattern's literal head (`claims/*` → `#/claims`). */
export function menuHref(def: { pattern: string }): string {
  const head = def.pattern
    .split('/')
    .filter((p) => p && !p.startsWith(':') && p !== '*')
    .join('/');
  return `#/${head}`;
}

/** The menu entry an address belongs to: the one whose section (first segment) it is in. */
export function activeMenuHref(table: readonly { pattern: string; menu?: MenuEntry }[], route: Route): string | null {
  const section = route.path[0] ?? '';
  const entry = table.find((d) => d.menu && (d.pattern.split('/')[0] ?? '') === section);
  return entry ? menuHref(entry) : null;
}

/** The menu: the routes that are menu entries, in the table's order. */
export function menuOf<C>(table: readonly RouteDef<C>[]): (RouteDef<C> & { menu: MenuEntry; href: string })[] {
  return table
    .filter((d): d is RouteDef<C> & { menu: MenuEntry } => !!d.menu)
    .map((d) => ({ ...d, href: menuHref(d) }));
}

/**
 * The hotkey a shortcut as shown (`Alt+2`) is bound as: a digit by its key on the top row, so that
 * Windows' Alt+numpad character codes (Alt+0176 for °) never open a page.
 */
export function hotkeyOf(shortcut: string): [string, { usePhysicalKeys: boolean }] {
  const parts = shortcut.split('+');
  const key = parts.pop()!;
  if (/^\d$/.test(key)) return [[...parts, `Digit${key}`].join('+'), { usePhysicalKeys: true }];
  return [shortcut, { usePhysicalKeys: false }];
}

/** Binds every menu entry's shortcut: it opens the page from anywhere, a text field included. */
export function useMenuShortcuts(menu: { href: string; menu: MenuEntry }[]): void {
  useHotkeys(
    menu
      .filter((e) => e.menu.shortcut)
      .map((e) => {
        const [hotkey, options] = hotkeyOf(e.menu.shortcut!);
        return [hotkey, () => (window.location.hash = e.href), options] as [
          string,
          () => void,
          { usePhysicalKeys: boolean },
        ];
      }),
    [],
  );
}
