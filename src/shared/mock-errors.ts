import createError from '@fastify/error';

/**
 * The emulator's own client errors outside /v4 (the control plane, the in-process API, HTTP
 * rules), each defined once with its code and HTTP status, as src/tim/errors.ts is the one
 * catalogue of vendor codes. Fastify and the control plane's error handler answer each with its
 * status and message; `code` (`TIM_MOCK_...`) is for callers that catch them in process.
 *
 * The errors users catch by class (exported from src/index.ts) subclass the constructor
 * @fastify/error makes, for one reason: @fastify/error names every error `FastifyError`, and
 * these keep the name they have always had (`err.name === 'FaultSpecError'`).
 */

/**
 * Settings the emulator cannot start with (environment, flags, config, fixtures, state or TLS
 * files, in-process options); the message names the setting or file, never a secret's value.
 * The CLI prints it and exits 2.
 */
export class ConfigError extends createError<'TIM_MOCK_CONFIG', 500, [string]>('TIM_MOCK_CONFIG', '%s', 500) {
  override name = 'ConfigError';
}

/** A fault spec the emulator refuses; the message names the problem. */
export class FaultSpecError extends createError<'TIM_MOCK_FAULT_SPEC', 400, [string]>('TIM_MOCK_FAULT_SPEC', '%s', 400) {
  override name = 'FaultSpecError';
}

/** An app patch or setting the emulator refuses; the message names the field. */
export class AppSettingsError extends createError<'TIM_MOCK_APP_SETTINGS', 400, [string]>('TIM_MOCK_APP_SETTINGS', '%s', 400) {
  override name = 'AppSettingsError';
}

/** An app that PUT /__mock/apps/:sdkappid or setApp() cannot find (declared mode only). */
export class UnknownAppError extends createError<'TIM_MOCK_UNKNOWN_APP', 404, [string]>('TIM_MOCK_UNKNOWN_APP', '%s', 404) {
  override name = 'UnknownAppError';
}

/** A state document that cannot be imported; the message names the field (`apps[0].accounts[2].identifier`). */
export class StateError extends createError<'TIM_MOCK_STATE', 400, [string]>('TIM_MOCK_STATE', '%s', 400) {
  override name = 'StateError';
}

/** A seed document (POST /__mock/accounts, a fixtures file) was refused; the message names the entry and why. */
export class SeedError extends createError<'TIM_MOCK_SEED', 400, [string]>('TIM_MOCK_SEED', '%s', 400) {
  override name = 'SeedError';
}

/** A user stub the emulator refuses (a reply not vendor-shaped, a path the vendor lacks); the message says why. */
export class StubError extends createError<'TIM_MOCK_STUB', 400, [string]>('TIM_MOCK_STUB', '%s', 400) {
  override name = 'StubError';
}

/** A control-plane resource that does not exist (an account, a fault, an app to sign for, the CA). */
export const NotFoundError = createError<'TIM_MOCK_NOT_FOUND', 404, [string]>('TIM_MOCK_NOT_FOUND', '%s', 404);

/** A control-plane request whose fields contradict each other or go out of range; the message says which. */
export const ControlRequestError = createError<'TIM_MOCK_BAD_REQUEST', 400, [string]>(
  'TIM_MOCK_BAD_REQUEST',
  '%s',
  400,
);

/** A control body whose JSON has a key that could reach an object's prototype. */
export const ForbiddenKeyError = createError<'TIM_MOCK_FORBIDDEN_KEY', 400, []>(
  'TIM_MOCK_FORBIDDEN_KEY',
  'the body has a key named __proto__ or constructor.prototype: such keys are not accepted',
  400,
);

/** A large control body that arrived while another was being read (answered with Retry-After). */
export const LargeBodyBusyError = createError<'TIM_MOCK_LARGE_BODY_BUSY', 429, []>(
  'TIM_MOCK_LARGE_BODY_BUSY',
  'another large control body is being read; send this one again when it is done',
  429,
);

/** An HTTP/1.1 request without a Host header (RFC 9112 §3.2). */
export const HostRequiredError = createError<'TIM_MOCK_HOST_REQUIRED', 400, []>(
  'TIM_MOCK_HOST_REQUIRED',
  'an HTTP/1.1 request needs a Host header',
  400,
);

/** An Expect header other than 100-continue (RFC 9110 §10.1.1). */
export const ExpectationError = createError<'TIM_MOCK_EXPECTATION', 417, []>(
  'TIM_MOCK_EXPECTATION',
  'the Expect header can only be 100-continue',
  417,
);

/** A client action (POST /__mock/clients/*, /__mock/callbacks/trigger, mock.clients.*) the emulator cannot play. */
export class ClientActionError extends createError<'TIM_MOCK_CLIENT_ACTION', 400, [string]>('TIM_MOCK_CLIENT_ACTION', '%s', 400) {
  override name = 'ClientActionError';
}
