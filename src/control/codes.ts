import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Errors, type VendorErrorEntry } from '../tim/errors.js';
import { controlErrors } from './schemas.js';

const CodeView = Type.Object(
  {
    code: Type.Integer(),
    info: Type.String({ description: 'the ErrorInfo the emulator answers with this code' }),
    commands: Type.Array(Type.String(), {
      description: 'the commands that give the code this meaning (empty: any command may answer it); 70402 means one thing on register_account_v1, another on account_import',
    }),
  },
  { additionalProperties: false },
);

/** /__mock/codes: the catalogue of vendor codes, to explain a journal entry's errorCode. */
export async function codesRoutes(app: FastifyInstance): Promise<void> {
  const codesOf = (entry: VendorErrorEntry): string[] =>
    app.mock.commands.filter(({ codes }) => codes.includes(entry)).map(({ path }) => path);
  // Built once: the catalogue and the commands are fixed for the life of the process.
  const catalogue = {
    codes: Object.values(Errors)
      .map((entry) => ({ code: entry.code, info: entry.info, commands: codesOf(entry) }))
      .sort((a, b) => a.code - b.code),
  };
  app.get(
    '/codes',
    {
      schema: {
        tags: ['control'],
        summary: 'The vendor error codes the emulator knows, with their meaning (ErrorInfo), by code',
        response: {
          200: Type.Object({ codes: Type.Array(CodeView) }, { additionalProperties: false }),
          ...controlErrors,
        },
      },
    },
    async () => catalogue,
  );
}
