// The app's one list of routes: which page each address shows, and which of them are menu entries
// (label, icon, shortcut) that the sidebar and the command palette offer. Addresses are the ones
// the app has always used (#/people/12, #/claims/policies, #/print/letters?…), so links written
// into pages, documents and the history keep working. A section whose page reads the rest of the
// address itself (信函模板's tabs: #/letters/birthday) takes it with `*`.
import {
  IconBook,
  IconCalendarCheck,
  IconChartBar,
  IconFileImport,
  IconGift,
  IconHome,
  IconMail,
  IconMessages,
  IconReceipt,
  IconSettings,
  IconShieldLock,
  IconSitemap,
  IconUsers,
} from '@tabler/icons-react';
import type { AppInfo } from '../src-main/contract/app';
import type { RouteDef } from './kit/routes';
import { ActivitiesPage } from './pages/ActivitiesPage';
import { AnnualPage } from './pages/AnnualPage';
import { ClaimsPage } from './pages/claims/ClaimsPage';
import { HomePage } from './pages/HomePage';
import { ImportPage } from './pages/ImportPage';
import { LettersPage } from './pages/LettersPage';
import { OrgPage } from './pages/OrgPage';
import { PeoplePage } from './pages/PeoplePage';
import { PersonPage } from './pages/PersonPage';
import { PetitionsPage } from './pages/PetitionsPage';
import { PRINT_DOCS, PrintDocPage, type PrintDocKind } from './pages/PrintDocPage';
import { PrintPage } from './pages/PrintPage';
import { PrivacyPage } from './pages/privacy/PrivacyPage';
import { SettingsPage } from './pages/SettingsPage';
import { StatisticsPage } from './pages/statistics/StatisticsPage';
import { VisitsPage } from './pages/VisitsPage';

/** What every page may be given besides its address. */
export interface AppContextForPages {
  info: AppInfo;
}

const idOrNull = (s: string | undefined) => (s ? Number(s) : null);

export const ROUTES: readonly RouteDef<AppContextForPages>[] = [
  {
    pattern: '',
    render: () => <HomePage />,
    menu: { label: '首页', icon: IconHome, shortcut: 'Alt+1', keywords: ['sy', 'shouye', '工作概况', '待办提醒'] },
  },
  {
    pattern: 'people',
    render: (m) => <PeoplePage params={m.query} />,
    menu: { label: '人员档案', icon: IconUsers, shortcut: 'Alt+2', keywords: ['ryda', 'renyuan', '花名册', '名单'] },
  },
  { pattern: 'people/new', render: () => <PersonPage key="new" id={null} />, needs: 'retirees.create' },
  { pattern: 'people/:id', render: (m) => <PersonPage key={m.params.id} id={Number(m.params.id)} /> },
  {
    pattern: 'import/*',
    needs: 'imports.open',
    render: (m) => <ImportPage key={m.query.get('n') ?? ''} />,
    menu: { label: '导入花名册', icon: IconFileImport, shortcut: 'Alt+3', keywords: ['drhmc', 'daoru', 'Excel'] },
  },
  {
    pattern: 'visits/:id?',
    render: (m) => <VisitsPage key={m.params.id ?? ''} id={idOrNull(m.params.id)} params={m.query} />,
    menu: {
      label: '走访慰问',
      icon: IconGift,
      shortcut: 'Alt+4',
      keywords: ['zfww', 'zoufang', '慰问批次', '签领表', '生日名单', '祝寿', '农历生日'],
    },
  },
  {
    pattern: 'org/*',
    render: (m) => <OrgPage params={m.query} />,
    menu: {
      label: '组织网络',
      icon: IconSitemap,
      shortcut: 'Alt+5',
      keywords: ['zzwl', 'zuzhi', '党支部', '小组', '党费', 'dangfei', '交纳登记簿'],
    },
  },
  {
    pattern: 'activities/*',
    render: (m) => <ActivitiesPage key={m.path.join('/')} path={m.rest} />,
    menu: { label: '活动学习', icon: IconBook, shortcut: 'Alt+6', keywords: ['hdxx', 'huodong', '学习材料'] },
  },
  {
    pattern: 'letters/*',
    render: () => <LettersPage />,
    menu: { label: '信函模板', icon: IconMail, shortcut: 'Alt+7', keywords: ['xhmb', 'xinhan', '贺信', '慰问信'] },
  },
  {
    pattern: 'petitions/:id?',
    render: (m) => <PetitionsPage key={m.params.id ?? ''} id={idOrNull(m.params.id)} />,
    menu: { label: '信访接待', icon: IconMessages, shortcut: 'Alt+8', keywords: ['xfjd', 'xinfang'] },
  },
  {
    pattern: 'claims/*',
    render: (m) => <ClaimsPage path={m.rest} params={m.query} />,
    menu: {
      label: '药费报销',
      icon: IconReceipt,
      shortcut: 'Alt+9',
      keywords: ['yfbx', 'baoxiao', '报销单', '报销政策'],
    },
  },
  {
    pattern: 'annual/:tab?',
    render: (m) => <AnnualPage tab={m.params.tab} params={m.query} />,
    menu: {
      label: '年度工作',
      icon: IconCalendarCheck,
      shortcut: 'Alt+0',
      keywords: ['ndgz', 'niandu', '调资', '资格认证', '工作计划', 'gzjh', '文件登记', 'wjdj', '收文', '发文'],
    },
  },
  {
    pattern: 'statistics/:tab?',
    render: (m) => <StatisticsPage tab={m.params.tab} params={m.query} />,
    menu: {
      label: '统计',
      icon: IconChartBar,
      keywords: ['tj', 'tongji', '统计图表', '年报', '两年数字变化', '上报'],
    },
  },
  {
    pattern: 'privacy/:tab?',
    render: (m) => <PrivacyPage tab={m.params.tab} />,
    // Every role may print the processing rules; the page shows each role the tabs it may use.
    needs: 'privacy.rulesPrint',
    menu: {
      label: '个人信息保护',
      icon: IconShieldLock,
      keywords: ['grxxbh', 'yinsi', '处理规则', '影响评估', '近亲属查阅', '档案保存期限'],
    },
  },
  {
    pattern: 'settings/*',
    render: (_m, { info }) => <SettingsPage info={info} />,
    menu: { label: '系统设置', icon: IconSettings, keywords: ['xtsz', 'shezhi', '备份', '字号', '提醒规则'] },
  },
  // Paper comes alone: no menu, no header.
  {
    pattern: 'print/:doc',
    accept: (m) => PRINT_DOCS.includes(m.params.doc as PrintDocKind),
    render: (m) => <PrintDocPage kind={m.params.doc as PrintDocKind} params={m.query} />,
    bare: true,
  },
  { pattern: 'print/*', render: (m, { info }) => <PrintPage path={m.path} params={m.query} info={info} />, bare: true },
];

/** An address no route takes shows the home page, as it always has. */
export const FALLBACK = ROUTES[0];
