// @vitest-environment happy-dom
// The app's route table keeps every address the app has used: each shows the page (and the
// parameters) it showed before the table replaced App's chain of ifs.
import { cleanup, fireEvent } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../src-main/contract/app';
import { findRoute, menuOf, useMenuShortcuts } from './kit/routes';
import { render } from './kit/test-utils';
import { ActivitiesPage } from './pages/ActivitiesPage';
import { AnnualPage } from './pages/AnnualPage';
import { ClaimsPage } from './pages/claims/ClaimsPage';
import { HomePage } from './pages/HomePage';
import { LettersPage } from './pages/LettersPage';
import { OrgPage } from './pages/OrgPage';
import { PersonPage } from './pages/PersonPage';
import { PetitionsPage } from './pages/PetitionsPage';
import { PrintDocPage } from './pages/PrintDocPage';
import { PrintPage } from './pages/PrintPage';
import { SettingsPage } from './pages/SettingsPage';
import { VisitsPage } from './pages/VisitsPage';
import { parseHash } from './route';
import { FALLBACK, ROUTES } from './routeTable';

const info = { orgName: '红星机械厂', operatorName: '李明', configured: true, notices: [] } as unknown as AppInfo;

function shown(hash: string) {
  const found = findRoute(ROUTES, parseHash(hash)) ?? {
    def: FALLBACK,
    match: { params: {}, rest: [], path: [], query: new URLSearchParams() },
  };
  const el = found.def.render(found.match, { info }) as ReactElement<Record<string, unknown>>;
  return { type: el.type, key: el.key, props: el.props, bare: !!found.def.bare };
}

describe('the route table', () => {
  it('shows each address the page it always showed', () => {
    expect(shown('#/').type).toBe(HomePage);
    expect(shown('#/nowhere/at/all').type).toBe(HomePage);
    expect(shown('#/people/12')).toMatchObject({ type: PersonPage, key: '12', props: { id: 12 } });
    expect(shown('#/people/new')).toMatchObject({ type: PersonPage, key: 'new', props: { id: null } });
    expect(shown('#/petitions/7')).toMatchObject({ type: PetitionsPage, props: { id: 7 } });
    expect(shown('#/petitions')).toMatchObject({ type: PetitionsPage, props: { id: null } });
    expect(shown('#/visits/3')).toMatchObject({ type: VisitsPage, props: { id: 3 } });
    expect(shown('#/activities/material/5')).toMatchObject({
      type: ActivitiesPage,
      props: { path: ['material', '5'] },
    });
    expect(shown('#/claims/policies')).toMatchObject({ type: ClaimsPage, props: { path: ['policies'] } });
    expect(shown('#/annual/adjust?run=2').type).toBe(AnnualPage);
    expect(shown('#/annual/adjust?run=2').props.tab).toBe('adjust');
    expect((shown('#/annual/adjust?run=2').props.params as URLSearchParams).get('run')).toBe('2');
    expect(shown('#/settings')).toMatchObject({ type: SettingsPage, props: { info } });
    // Pages that read the rest of the address themselves.
    expect(shown('#/letters/birthday').type).toBe(LettersPage);
    expect(shown('#/letters').type).toBe(LettersPage);
    expect(shown('#/org?view=party').type).toBe(OrgPage);
  });

  it('paper comes alone', () => {
    expect(shown('#/print/letters?kind=birthday')).toMatchObject({
      type: PrintDocPage,
      bare: true,
      props: { kind: 'letters' },
    });
    expect(shown('#/print/visit-batch/4')).toMatchObject({
      type: PrintPage,
      bare: true,
      props: { path: ['print', 'visit-batch', '4'] },
    });
  });

  it('the menu: thirteen entries in the order the office knows, shortcuts unique', () => {
    const menu = menuOf(ROUTES);
    expect(menu.map((e) => e.menu.label)).toEqual([
      '首页',
      '人员档案',
      '导入花名册',
      '走访慰问',
      '组织网络',
      '活动学习',
      '信函模板',
      '信访接待',
      '药费报销',
      '年度工作',
      '统计',
      '个人信息保护',
      '系统设置',
    ]);
    expect(menu.find((e) => e.menu.label === '走访慰问')?.href).toBe('#/visits');
    const shortcuts = menu.flatMap((e) => (e.menu.shortcut ? [e.menu.shortcut] : []));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });
});

function Shortcuts() {
  useMenuShortcuts(menuOf(ROUTES));
  return <input aria-label="备注" />;
}

describe('menu shortcuts', () => {
  afterEach(cleanup);
  it('Alt+4 opens 走访慰问 from a text field; Alt with the numpad types a character instead', () => {
    window.location.hash = '#/people/3';
    const { getByLabelText } = render(<Shortcuts />);
    const field = getByLabelText('备注');
    fireEvent.keyDown(field, { key: '4', code: 'Numpad4', altKey: true });
    expect(window.location.hash).toBe('#/people/3');
    fireEvent.keyDown(field, { key: '4', code: 'Digit4', altKey: true });
    expect(window.location.hash).toBe('#/visits');
  });
});
