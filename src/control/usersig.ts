import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { unixSeconds } from '../model/clock.js';
import { expiresAt, makeUserSig, USERSIG_DEFAULT_EXPIRE, USERSIG_EXPIRE_MAX } from '../tim/usersig.js';
import { ControlRequestError, NotFoundError } from '../shared/mock-errors.js';
import { controlErrors, ControlError, SdkAppId } from './schemas.js';

/**
 * An account identifier is at most 32 bytes (account_import's Identifier, "长度不超过 32 字节",
 * cloud.tencent.com/document/product/269/1608): a sig for a longer one names no account. The
 * schema caps UTF-16 units; the handler counts the UTF-8 bytes.
 */
const IDENTIFIER_MAX_BYTES = 32;

const SigRequest = Type.Object(
  {
    identifier: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: IDENTIFIER_MAX_BYTES,
        description: `whom the sig is for, 1 to ${IDENTIFIER_MAX_BYTES} bytes in UTF-8 (default: the app's admin)`,
      }),
    ),
    expire: Type.Optional(Type.Integer({ minimum: 1, maximum: USERSIG_EXPIRE_MAX, description: `seconds it stays valid (default ${USERSIG_DEFAULT_EXPIRE})` })),
  },
  { additionalProperties: false },
);

const SigReply = Type.Object(
  {
    sdkappid: SdkAppId,
    identifier: Type.String(),
    usersig: Type.String({ description: 'a UserSig v2, as the official tls-sig-api-v2 genUserSig makes it' }),
    expire: Type.Integer(),
    expiresAt: Type.Integer({ description: "unix seconds, on the emulator's clock: the last second it is accepted (70001 after it)" }),
  },
  { additionalProperties: false },
);

/**
 * POST /__mock/apps/:sdkappid/usersig: a UserSig for a declared app, signed with its secret key
 * at the emulator's clock, so that curl users in declared mode can call /v4. Guarded by the
 * mock token like every control route; the key itself is never answered.
 */
export async function usersigRoutes(app: FastifyInstance): Promise<void> {
  const { apps, options, clock } = app.mock;
  app.post(
    '/apps/:sdkappid/usersig',
    {
      schema: {
        tags: ['control'],
        summary: "Make a UserSig for a declared app (its admin's, or a given identifier's)",
        params: Type.Object({ sdkappid: SdkAppId }),
        // No body at all is the same as {}.
        body: Type.Union([SigRequest, Type.Null()]),
        response: { 200: SigReply, 404: ControlError, ...controlErrors },
      },
    },
    async (request) => {
      const { sdkappid } = request.params as { sdkappid: number };
      const declared = options.apps.find((a) => a.sdkappid === sdkappid);
      if (declared === undefined) {
        const why = apps.declared
          ? `app ${sdkappid} is not declared (declared: ${options.apps.map((a) => a.sdkappid).join(', ')})`
          : 'no app is declared (zero-config mode), so there is no secret key to sign with; any non-empty usersig passes';
        throw new NotFoundError(why);
      }
      const body = (request.body ?? {}) as { identifier?: string; expire?: number };
      if (body.identifier !== undefined && Buffer.byteLength(body.identifier, 'utf8') > IDENTIFIER_MAX_BYTES) {
        throw new ControlRequestError(`identifier: at most ${IDENTIFIER_MAX_BYTES} bytes in UTF-8, as the vendor caps an account identifier`);
      }
      const identifier = body.identifier ?? (apps.get(sdkappid)?.admin ?? declared.admin);
      const expire = body.expire ?? USERSIG_DEFAULT_EXPIRE;
      const now = unixSeconds(clock);
      const usersig = makeUserSig(sdkappid, declared.secretKey, identifier, expire, now);
      return { sdkappid, identifier, usersig, expire, expiresAt: expiresAt({ time: now, expire }) };
    },
  );
}
