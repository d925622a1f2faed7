import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { MockServices } from '../services/mock-services.js';
import { UINT32_MAX } from '../model/accounts/account-schema.js';
import { AppPatchSchema, parseAppPatch, PlanSettingsSchema } from '../model/plans.js';
import { AppSettingsError, UnknownAppError } from '../shared/mock-errors.js';
import { controlErrors, ControlError, SdkAppId } from './schemas.js';

/** An app as the registry holds it. */
type App = NonNullable<ReturnType<MockServices['apps']['get']>>;

const RateLimitView = Type.Object(
  {
    command: Type.String({ description: 'a vendor command' }),
    limit: Type.Integer({ description: 'calls per second for this app; 0 = unlimited' }),
    tokens: Type.Integer({ description: 'calls the bucket allows right now (the limit when unused; 0 when unlimited)' }),
  },
  { additionalProperties: false },
);

/** An app as GET /__mock/apps lists it: never its secret key. */
export const AppView = Type.Object(
  {
    sdkappid: SdkAppId,
    mode: Type.Union([Type.Literal('zero-config'), Type.Literal('declared')]),
    admin: Type.String({ description: "the app's administrator identifier" }),
    ...PlanSettingsSchema.properties,
    accounts: Type.Integer({ description: 'accounts the app holds' }),
    rateLimits: Type.Array(RateLimitView, { description: 'one bucket per vendor command, in command order' }),
    profileCustomTags: Type.Array(Type.String(), { description: 'the custom profile fields the app declares' }),
    callbackUrl: Type.Union([Type.String(), Type.Null()], { description: 'where callbacks are POSTed; null: none are sent' }),
    callbackTokenSet: Type.Boolean({ description: 'whether a callback token is set (the token itself is never shown)' }),
    callbackCommands: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'the callback commands on; null: all' }),
    callbackTimeoutMs: Type.Union([Type.Integer(), Type.Null()], { description: "the app's before-callback timeout; null: the process-wide one" }),
  },
  { additionalProperties: false },
);
export type AppView = Static<typeof AppView>;

/** Apps per page of GET /__mock/apps, as the journal pages: a default and a most. */
export const APPS_PAGE_DEFAULT = 100;
export const APPS_PAGE_MAX = 1000;

const AppsQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({ minimum: 1, description: `apps per page: default ${APPS_PAGE_DEFAULT}; a larger value than ${APPS_PAGE_MAX} is taken as ${APPS_PAGE_MAX}` }),
    ),
    after: Type.Optional(Type.Integer({ minimum: 0, description: 'only apps with a larger sdkappid (pass `next` here for the next page)' })),
  },
  { additionalProperties: false },
);
type AppsQuery = Static<typeof AppsQuery>;

const AppList = Type.Object(
  {
    apps: Type.Array(AppView),
    next: Type.Union([Type.Integer(), Type.Null()], { description: 'pass as `after` for the next page; null on the last page' }),
  },
  { additionalProperties: false },
);

type AppServices = Pick<MockServices, 'apps' | 'store' | 'limiter' | 'commands'>;

function appView({ apps, store, limiter, commands }: AppServices, app: App): AppView {
  const { plan, accountLimit, deleteEnabled, reimportCooldownDays } = app.settings;
  return {
    sdkappid: app.sdkappid,
    mode: apps.declared ? 'declared' : 'zero-config',
    admin: app.admin,
    plan,
    accountLimit,
    deleteEnabled,
    reimportCooldownDays,
    accounts: store.count(app.sdkappid),
    // The emulated commands, and the stubbed ones whose limit was changed or whose bucket is in
    // use: the whole API's limits are on GET /__mock/coverage, not repeated per app.
    rateLimits: commands.flatMap(({ command, defaultRateLimit, served }) => {
      const limit = app.rateLimit(command, defaultRateLimit);
      const tokens = limiter.tokens(app.sdkappid, command, limit);
      return served === 'emulated' || limit !== defaultRateLimit || tokens < limit ? [{ command, limit, tokens }] : [];
    }),
    profileCustomTags: [...app.settings.profileCustomTags],
    callbackUrl: app.settings.callbackUrl,
    callbackTokenSet: app.settings.callbackToken !== null,
    callbackCommands: app.settings.callbackCommands === null ? null : [...app.settings.callbackCommands],
    callbackTimeoutMs: app.settings.callbackTimeoutMs,
  };
}

/** Every app, by sdkappid (no view made yet). */
function sortedApps(services: AppServices): App[] {
  // Seeding and state imports fill the store without a call; in zero-config mode their apps are made here.
  for (const sdkappid of services.store.sdkappids()) services.apps.get(sdkappid);
  return services.apps.list().sort((a, b) => a.sdkappid - b.sdkappid);
}

/** Every app, by sdkappid: declared ones, and zero-config ones seen so far (by a call, seeding or a state import). */
export function listApps(services: AppServices): AppView[] {
  return sortedApps(services).map((app) => appView(services, app));
}

/** One page of the apps, by sdkappid, after `after`; only the page's apps are described. */
export function appsPage(services: AppServices, query: AppsQuery): { apps: AppView[]; next: number | null } {
  const limit = Math.min(query.limit ?? APPS_PAGE_DEFAULT, APPS_PAGE_MAX);
  const after = query.after ?? 0;
  const rest = sortedApps(services).filter((app) => app.sdkappid > after);
  const page = rest.slice(0, limit);
  const next = rest.length > limit ? (page.at(-1) as App).sdkappid : null;
  return { apps: page.map((app) => appView(services, app)), next };
}

/**
 * Checks a patch whole, then applies it (all or nothing): an AppSettingsError (400) names a bad
 * field, an UnknownAppError (404) an app that is not declared. In zero-config mode every
 * sdkappid is an app, made here as on its first call.
 */
export function changeApp(services: AppServices, sdkappid: number, input: unknown): AppView {
  if (!Number.isSafeInteger(sdkappid) || sdkappid < 1 || sdkappid > UINT32_MAX) {
    throw new AppSettingsError(`sdkappid: must be a whole number from 1 to ${UINT32_MAX}`);
  }
  const patch = parseAppPatch(input, services.commands.map((c) => c.command));
  const app = services.apps.update(sdkappid, patch);
  if (app === undefined) {
    const declared = services.apps.list().map((a) => a.sdkappid);
    throw new UnknownAppError(`no app ${sdkappid}: the declared apps are ${declared.join(', ')}`);
  }
  return appView(services, app);
}

/** /__mock/apps: each app's mode, plan, limits, accounts and rate-limit buckets, and changes to them. */
export async function appsRoutes(app: FastifyInstance): Promise<void> {
  const services = app.mock;
  const tags = ['control'];

  app.get(
    '/apps',
    {
      schema: {
        tags,
        summary: 'List the apps a page at a time, by sdkappid: mode, admin, plan and its limits, account count and rate-limit tokens (never the secret key)',
        description:
          `A page holds at most \`limit\` apps (default ${APPS_PAGE_DEFAULT}, at most ${APPS_PAGE_MAX}) with an sdkappid above \`after\`; ` +
          'pass `next` as `after` for the next page.',
        querystring: AppsQuery,
        response: { 200: AppList, ...controlErrors },
      },
    },
    async (request) => appsPage(services, request.query as AppsQuery),
  );

  app.put(
    '/apps/:sdkappid',
    {
      schema: {
        tags,
        summary: "Change a running app's plan, limits, rate limits or callbacks; answers the app as listed (never the callback token)",
        description:
          'All or nothing: a bad field is a 400 naming it and nothing changes. A plan brings its defaults for accountLimit, ' +
          'deleteEnabled and reimportCooldownDays; values given in the same patch win. Declared mode: an undeclared app is a 404. ' +
          'reset() (and POST /__mock/reset) gives every app back the settings it started with.',
        params: Type.Object({ sdkappid: SdkAppId }, { additionalProperties: false }),
        body: AppPatchSchema,
        response: { 200: AppView, 404: ControlError, ...controlErrors },
      },
      // Checked by changeApp, which setApp() shares, with messages naming the field.
      validatorCompiler: () => () => true,
    },
    async (request) => {
      const { sdkappid } = request.params as { sdkappid: string };
      return changeApp(services, /^[0-9]{1,10}$/.test(sdkappid) ? Number(sdkappid) : Number.NaN, request.body);
    },
  );
}
