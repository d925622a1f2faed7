/**
 * The import rules of src/ (docs/architecture.md explains them), checked by `npm run depcruise`
 * in `npm test`. Imports run one way: entries → app → control, dashboard, transport → the vendor's
 * API (src/tim/) → services → model → shared.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Imports run one way: no module reaches itself again through its imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-imports-only-shared',
      severity: 'error',
      comment: 'src/shared/ holds leaves any folder may import, so they import nothing else of the app.',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'model-has-no-fastify',
      severity: 'error',
      comment: 'The domain model (src/model/) knows no HTTP: it imports itself, src/shared/, TypeBox and Node built-ins.',
      from: { path: '^src/model/' },
      to: {
        pathNot: ['^src/model/', '^src/shared/(?!url\\.ts$)', '^node_modules/@sinclair/typebox/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'commands-import-the-api-and-the-model',
      severity: 'error',
      comment: 'A vendor command reads the pipeline (src/tim/), the model and the shared leaves; nothing else of the app.',
      from: { path: '^src/tim/(v4|rules)/' },
      to: { path: '^src/', pathNot: ['^src/tim/', '^src/model/', '^src/shared/'] },
    },
    {
      name: 'services-below-the-api',
      severity: 'error',
      comment:
        'The services (faults, journal, rate limits, state file, fixtures) know nothing of the vendor pipeline, the ' +
        'control plane or the transport; they may name a vendor code from the catalogue (src/tim/errors.ts).',
      from: { path: '^src/services/(faults|journal|state-file|fixtures|rate-limit)' },
      to: { path: '^src/(tim/(?!errors\\.ts$)|control/|dashboard/|transport/|cli/|app\\.ts|in-process\\.ts)' },
    },
    {
      name: 'api-not-control',
      severity: 'error',
      comment: 'The vendor pipeline does not reach into the control plane, the dashboard, the CLI, fixtures or state file.',
      from: { path: '^src/tim/' },
      to: { path: '^src/(control|dashboard|cli|services/fixtures|services/state-file)/' },
    },
    {
      name: 'control-uses-services-not-the-api',
      severity: 'error',
      comment:
        'The control plane reaches the services through app.mock; never the vendor pipeline. It may name a code of ' +
        "the catalogue (src/tim/errors.ts) and sign a UserSig with the vendor's algorithm (src/tim/usersig.ts).",
      from: { path: '^src/control/' },
      to: { path: '^src/(tim/(?!(errors|usersig)\\.ts$)|cli/|app\\.ts$|in-process\\.ts$)' },
    },
    {
      name: 'entries-are-not-imported',
      severity: 'error',
      comment: 'src/app.ts composes the app; only the entries (in-process.ts, index.ts, cli/main.ts and its launcher cli/bin.ts) import it or each other.',
      from: { pathNot: '^src/(in-process\\.ts|index\\.ts|cli/main\\.ts|cli/bin\\.ts)$' },
      to: { path: '^src/(app\\.ts|in-process\\.ts|cli/main\\.ts)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
