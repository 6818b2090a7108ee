// The main process's floors (DESIGN.md, "The shape"): an import may only point down this list.
//   shell | web | cli → app → router → domains → contract | documents | spreadsheet | jobs → db → shared
// Skipping a floor downwards is fine; pointing up is a back-arrow and fails `npm test`.
// The renderer reaches the main process only through the contract and shared/.
/** @type {{ name: string, folders: string[] }[]} from the top floor down */
const FLOORS = [
  { name: 'entry', folders: ['shell', 'web', 'cli'] },
  { name: 'app', folders: ['app'] },
  { name: 'router', folders: ['router.ts'] },
  {
    name: 'domains',
    folders: [
      'activities',
      'adjustments',
      'aid',
      'audit',
      'claims',
      'demo',
      'exporter',
      // The home page's reminders: the domains' lists, grouped and ordered in one place.
      'home',
      'importer',
      'letters',
      // The office's own work system: the yearly plan, the document register.
      'office',
      'operators',
      'org',
      'payments',
      'petitions',
      'privacy',
      'retirees',
      'settings',
      'statistics',
      'visits',
    ],
  },
  { name: 'kits', folders: ['contract', 'documents', 'spreadsheet', 'jobs'] },
  { name: 'db', folders: ['db'] },
  { name: 'shared', folders: ['shared'] },
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pathOf = (folders) =>
  `^src-main/(${folders.map((f) => (f.endsWith('.ts') ? escape(f) + '$' : escape(f) + '/')).join('|')})`;

const backArrows = FLOORS.slice(1).map((floor, i) => ({
  name: `no-import-up-from-${floor.name}`,
  comment: `${floor.name} may not import from a floor above it (${FLOORS.slice(0, i + 1)
    .map((f) => f.name)
    .join(', ')})`,
  severity: 'error',
  from: { path: pathOf(floor.folders) },
  to: { path: pathOf(FLOORS.slice(0, i + 1).flatMap((f) => f.folders)) },
}));

module.exports = {
  forbidden: [
    ...backArrows,
    {
      name: 'contract-imports-only-shared',
      comment: 'the contract is types and zod schemas; the renderer imports it, so it imports only shared/',
      severity: 'error',
      from: { path: '^src-main/contract/' },
      to: { path: '^src-main/', pathNot: '^src-main/(contract/|shared/)' },
    },
    {
      name: 'renderer-sees-only-the-contract',
      comment: 'the renderer talks to the main process only through the contract (and pure shared/ code)',
      severity: 'error',
      // Component tests (and the test-utils that put a real router behind them) may reach further.
      from: { path: '^src-renderer/', pathNot: '(\\.test\\.tsx?$|^src-renderer/kit/test-utils\\.tsx$)' },
      to: { path: '^src-main/', pathNot: '^src-main/(contract/|shared/)' },
    },
    {
      name: 'migrations-are-frozen-and-alone',
      comment: 'migrations use Kysely<any> and never import app code (Kysely docs, DESIGN)',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^src-' },
    },
    {
      name: 'no-folder-loop',
      comment: 'folders of the main process that import each other in a loop (a floor that is not one)',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src-main/' },
      to: { path: '^src-main/', circular: true },
    },
    {
      name: 'reading-thread-stays-slim',
      comment:
        'the reading thread (app/readThread.ts) starts for every adjustment list: what it loads is loaded each time (issue 17); zod is for the contract and the forms',
      severity: 'error',
      from: { path: '^src-main/app/readThread\\.ts$' },
      to: { path: 'node_modules/zod/', reachable: true },
    },
    {
      name: 'no-circular',
      comment: 'modules that import each other in a loop',
      severity: 'error',
      from: { path: '^src-' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Packages are seen but not followed: a rule can name one (reading-thread-stays-slim).
    exclude: { path: '(^|/)(out|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
