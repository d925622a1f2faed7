/**
 * The import rules of src/ (docs/architecture.md explains them), checked by `npm run depcruise`
 * in `npm test`. Shared leaves any folder may import: src/clock.ts, src/url.ts,
 * src/client-error.ts, src/mock-errors.ts, src/version.ts, src/is-record.ts, src/schema-errors.ts and
 * src/accounts/account-schema.ts.
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
      name: 'accounts-import-nothing-of-the-app',
      severity: 'error',
      comment: 'src/accounts/ is the store and the account rules: it imports only itself and the clock, and no Fastify.',
      from: { path: '^src/accounts/' },
      to: { pathNot: ['^src/accounts/', '^src/clock\\.ts$', '^node_modules/@sinclair/typebox/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'commands-import-vendor-and-accounts',
      severity: 'error',
      comment: 'A vendor command reads the pipeline (src/vendor/), the store and account rules (src/accounts/), the clock and is-record.',
      from: { path: '^src/vendor/commands/' },
      to: { path: '^src/', pathNot: ['^src/vendor/', '^src/accounts/', '^src/clock\\.ts$', '^src/is-record\\.ts$'] },
    },
    {
      name: 'control-uses-services-not-vendor',
      severity: 'error',
      comment:
        'The control plane reaches the services through app.mock and the documents they read; never the vendor pipeline. ' +
        'It may name a code of the catalogue (src/vendor/errors.ts), as the services may, and sign a UserSig with the ' +
        "vendor's algorithm (src/vendor/usersig.ts) for POST /__mock/apps/:sdkappid/usersig.",
      from: { path: '^src/control/' },
      to: { path: '^src/(vendor/(?!(errors|usersig)\\.ts$)|app\\.ts$|server\\.ts$|cli\\.ts$)' },
    },
    {
      name: 'services-below-the-pipeline',
      severity: 'error',
      comment:
        'The services (faults, journal, state, fixtures) know nothing of the vendor pipeline or the control plane; ' +
        'they may name a vendor code from the catalogue (src/vendor/errors.ts).',
      from: { path: '^src/(faults|journal|state|fixtures)/' },
      to: { path: '^src/(vendor/(?!errors\\.ts$)|control/|app\\.ts|server\\.ts|cli\\.ts)' },
    },
    {
      name: 'vendor-pipeline-not-control',
      severity: 'error',
      comment: 'The vendor pipeline does not reach into the control plane, fixtures or state documents.',
      from: { path: '^src/vendor/' },
      to: { path: '^src/(control|fixtures|state)/' },
    },
    {
      name: 'entries-are-not-imported',
      severity: 'error',
      comment: 'src/app.ts composes the app; only the entries (server.ts, index.ts, cli.ts) import it or each other.',
      from: { pathNot: '^src/(server|index|cli)\\.ts$' },
      to: { path: '^src/(app|server|cli)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
