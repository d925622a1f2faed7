import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { MockServices } from '../services/mock-services.js';
import { controlErrors } from './schemas.js';

export const CoverageRow = Type.Object({
  section: Type.String(),
  path: Type.String(),
  served: Type.Union([Type.Literal('emulated'), Type.Literal('stub'), Type.Literal('user stub')], {
    description: 'emulated: by its own rules; stub: validated, generated reply; user stub: a stub given by the user answers it now',
  }),
  rateLimit: Type.Integer({ description: 'the default calls per second per app (0 = unlimited)' }),
  codes: Type.Array(Type.Integer(), { description: 'the codes it answers besides 0' }),
});
export type CoverageRow = Static<typeof CoverageRow>;

/** Every vendor command the emulator routes, by section and path, and how it answers. */
export function coverage({ commands, stubs, options }: Pick<MockServices, 'commands' | 'stubs' | 'options'>): CoverageRow[] {
  return [...commands]
    .sort((a, b) => a.section.localeCompare(b.section) || a.path.localeCompare(b.path))
    .map((c) => ({
      section: c.section,
      path: c.path,
      served: stubs.answers(c.path) ? 'user stub' : c.served,
      rateLimit: options.rateLimits[c.command] ?? c.defaultRateLimit ?? options.rateLimit,
      codes: [...new Set(c.codes.map((e) => e.code))],
    }));
}

/** docs/coverage.md: the coverage of an emulator started with no stubs and default settings. */
export function coverageMarkdown(rows: readonly CoverageRow[]): string {
  const count = (served: string) => rows.filter((r) => r.served === served).length;
  return [
    '# Coverage of the vendor\'s REST API',
    '',
    'Generated from the code (`GET /__mock/coverage` answers the same, with the user stubs in force);',
    '`test/control/coverage.test.ts` fails when this file is stale, and `UPDATE_COVERAGE=1` rewrites it.',
    '',
    `${rows.length} paths: ${count('emulated')} emulated, ${count('stub')} validated stubs. A stub checks the body against`,
    'the vendor\'s schema and answers a generated reply; `TIM_UNEMULATED=refuse` makes it answer 60017 instead.',
    'The codes below are each command\'s format, sdkappid and admin codes, then its own; the envelope codes',
    '(60002 to 60012, the UserSig codes) apply to every path and are in [error-codes.md](error-codes.md).',
    '',
    '| section | path | served | rate limit (/s) | codes |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.section} | \`${r.path}\` | ${r.served} | ${r.rateLimit} | ${r.codes.join(', ')} |`),
    '',
  ].join('\n');
}

/** GET /__mock/coverage: the vendor's whole API as the emulator serves it. */
export const coverageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/coverage',
    {
      schema: {
        tags: ['control'],
        summary: 'Every vendor command routed: section, path, emulated / stub / user stub, rate limit and codes',
        response: { 200: Type.Object({ commands: Type.Array(CoverageRow) }), ...controlErrors },
      },
    },
    async () => ({ commands: coverage(app.mock) }),
  );
};
