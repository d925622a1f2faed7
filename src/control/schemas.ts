import { STATUS_CODES } from 'node:http';
import { FormatRegistry, Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { isIsoDateTime } from '../services/fixtures/stored-account.js';
import { AccountKindSchema, IdentifierTypeSchema, ProfileTypeSchema, SdkAppId } from '../model/accounts/account-schema.js';

// TypeBox checks a string `format` only against formats registered here (the fixture loader
// and the control routes validate with TypeBox, not Ajv).
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', isIsoDateTime);
}

export { SdkAppId };

/**
 * An account as the control plane shows it. The serializer writes only these properties, so
 * a stored password hash can never reach a listing.
 */
export const AccountView = Type.Object(
  {
    sdkappid: SdkAppId,
    identifier: Type.String(),
    kind: AccountKindSchema({ description: 'hosted: imported by register_account_v1; standalone: by account_import' }),
    identifierType: Type.Optional(IdentifierTypeSchema({ description: 'hosted only: 1 phone, 2 email, 3 string account' })),
    nick: Type.Optional(Type.String()),
    faceUrl: Type.Optional(Type.String()),
    type: Type.Optional(ProfileTypeSchema()),
    createdAt: Type.String({ format: 'date-time', description: "ISO 8601, read from the emulator's clock" }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type AccountView = Static<typeof AccountView>;

export const AccountList = Type.Object({ accounts: Type.Array(AccountView) }, { additionalProperties: false });

/** Every control-plane error: HTTP status, its name and what went wrong. */
export const ControlError = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String({ description: 'the HTTP status name' }),
    message: Type.String({ description: 'what was wrong, naming the field or entry' }),
  },
  { additionalProperties: false },
);
export type ControlError = Static<typeof ControlError>;

/** Answers a control-plane error in its one shape. */
export function sendControlError(reply: FastifyReply, statusCode: number, message: string): FastifyReply {
  const body: ControlError = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
}

/** Responses every control route may give besides its own. */
export const controlErrors = {
  400: ControlError,
  401: Type.Object(ControlError.properties, {
    additionalProperties: false,
    description: 'TIM_MOCK_TOKEN is set and the request has no or a wrong `Authorization: Bearer` header',
  }),
  403: Type.Object(ControlError.properties, {
    additionalProperties: false,
    description: 'a browser request from a page of another site: its `Origin` is not the emulator itself',
  }),
} as const;
