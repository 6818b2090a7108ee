// The route table: every address the app has used finds the page it always showed, the menu is
// the table's entries in order, and an entry is marked for every address of its section.
import { describe, expect, it } from 'vitest';
import { parseHash } from '../route';
import { activeMenuHref, findRoute, hotkeyOf, matchPattern, menuHref, menuOf, type RouteDef } from './routes';

const r = (hash: string) => parseHash(hash);

describe('matchPattern', () => {
  it('literal, named, optional and rest segments', () => {
    expect(matchPattern('', r('#/'))).toMatchObject({ params: {}, rest: [] });
    expect(matchPattern('people', r('#/people?status=在册'))?.query.get('status')).toBe('在册');
    expect(matchPattern('people/:id', r('#/people/12'))?.params).toEqual({ id: '12' });
    expect(matchPattern('people/:id', r('#/people'))).toBeNull();
    expect(matchPattern('visits/:id?', r('#/visits'))?.params).toEqual({ id: undefined });
    expect(matchPattern('visits/:id?', r('#/visits/3'))?.params).toEqual({ id: '3' });
    expect(matchPattern('claims/*', r('#/claims/batches/4'))?.rest).toEqual(['batches', '4']);
    expect(matchPattern('claims/*', r('#/claims'))?.rest).toEqual([]);
    // No more segments than the pattern has, unless it ends in *.
    expect(matchPattern('people', r('#/people/12'))).toBeNull();
    expect(matchPattern('settings', r('#/people'))).toBeNull();
  });
});

const Icon = () => null;
const table: RouteDef<null>[] = [
  { pattern: '', render: () => 'home', menu: { label: '首页', icon: Icon } },
  { pattern: 'people', render: () => 'list', menu: { label: '人员档案', icon: Icon, shortcut: 'Alt+2' } },
  { pattern: 'people/new', render: () => 'new' },
  { pattern: 'people/:id', render: (m) => `file ${m.params.id}` },
  { pattern: 'claims/*', render: (m) => `claims ${m.rest.join('/')}`, menu: { label: '药费报销', icon: Icon } },
  { pattern: 'print/:doc', accept: (m) => m.params.doc === 'letters', render: () => 'doc', bare: true },
  { pattern: 'print/*', render: () => 'print', bare: true },
];
const shows = (hash: string) => {
  const found = findRoute(table, r(hash));
  return found && found.def.render(found.match, null);
};

describe('findRoute', () => {
  it('takes the first route of the table that takes the address', () => {
    expect(shows('#/')).toBe('home');
    expect(shows('')).toBe('home');
    expect(shows('#/people')).toBe('list');
    expect(shows('#/people/new')).toBe('new');
    expect(shows('#/people/12')).toBe('file 12');
    expect(shows('#/claims/policies')).toBe('claims policies');
    expect(shows('#/print/letters?kind=birthday')).toBe('doc');
    expect(shows('#/print/batch/3')).toBe('print');
    expect(shows('#/nowhere')).toBeNull();
  });

  it('the menu is the entries in order; an entry is marked for its whole section', () => {
    expect(menuOf(table).map((e) => [e.menu.label, e.href])).toEqual([
      ['首页', '#/'],
      ['人员档案', '#/people'],
      ['药费报销', '#/claims'],
    ]);
    expect(menuHref({ pattern: 'visits/:id?' })).toBe('#/visits');
    expect(activeMenuHref(table, r('#/people/12'))).toBe('#/people');
    expect(activeMenuHref(table, r('#/claims/batches/4'))).toBe('#/claims');
    expect(activeMenuHref(table, r('#/'))).toBe('#/');
    expect(activeMenuHref(table, r('#/print/letters'))).toBeNull();
  });
});

describe('hotkeyOf', () => {
  it('binds a digit by the top-row key, not by the character (Alt+numpad codes stay characters)', () => {
    expect(hotkeyOf('Alt+2')).toEqual(['Alt+Digit2', { usePhysicalKeys: true }]);
    expect(hotkeyOf('mod+K')).toEqual(['mod+K', { usePhysicalKeys: false }]);
  });
});
