import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { applyState, exportState, parseState, StateDocument } from '../services/state-file/document.js';
import { oneLargeBodyAtATime } from './large-body.js';
import { ControlError } from './schemas.js';

const ImportSummary = Type.Object(
  { apps: Type.Integer({ description: 'apps with accounts or deletions' }), accounts: Type.Integer() },
  { additionalProperties: false },
);

/**
 * GET /__mock/state exports every app's accounts (hosted ones with their password hashes) as one
 * versioned document; PUT /__mock/state replaces the whole state with such a document. The
 * document is checked whole before anything changes: a bad one is a 400 naming the part at
 * fault, and the state stays as it was.
 */
export const stateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { store, apps, options } = app.mock;
  const sources = app.mock;

  app.get(
    '/state',
    { schema: { tags: ['control'], summary: "Export every app's accounts, deletions, changed plan settings, profiles, logins, messages, groups and friends", response: { 200: StateDocument } } },
    async () => exportState(store, sources),
  );

  app.put(
    '/state',
    {
      // A whole state may be far larger than a vendor call (TIM_STATE_BODY_LIMIT).
      bodyLimit: Math.max(options.bodyLimit, options.stateBodyLimit),
      onRequest: oneLargeBodyAtATime(options.bodyLimit),
      schema: {
        tags: ['control'],
        summary: 'Replace the whole state with an exported document',
        description: `A body over TIM_BODY_LIMIT (${options.bodyLimit} bytes here) is read one at a time: another one meanwhile is answered 429.`,
        body: StateDocument,
        response: {
          200: ImportSummary,
          429: Type.Object(ControlError.properties, { additionalProperties: false, description: 'another body over TIM_BODY_LIMIT is being read' }),
        },
      },
      // The schema documents the body; parseState judges it (the state file is read by the same
      // function), format and version first, so that a document of another version is named as such.
      validatorCompiler: () => () => true,
    },
    async (request) => {
      const state = parseState(request.body, apps);
      applyState(store, sources, state);
      // An app with only deletions is state too: its cooldowns came along.
      const imported = new Set([...state.accounts, ...state.deletions].map((entry) => entry.sdkappid));
      return { apps: imported.size, accounts: state.accounts.length };
    },
  );
};
