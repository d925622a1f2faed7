import t from 'tap';
import { AppSettingsError, FaultSpecError, StubError, UnknownAppError } from '../src/index.js';
import { StateError, SeedError, ForbiddenKeyError, LargeBodyBusyError, HostRequiredError, ExpectationError } from '../src/shared/mock-errors.js';

t.test('the errors users catch keep their class name, and carry a TIM_MOCK_ code and their HTTP status', async (t) => {
  const cases = [
    [new FaultSpecError('delayMs: too long'), 'FaultSpecError', 'TIM_MOCK_FAULT_SPEC', 400],
    [new AppSettingsError('plan: no'), 'AppSettingsError', 'TIM_MOCK_APP_SETTINGS', 400],
    [new UnknownAppError('no app 1'), 'UnknownAppError', 'TIM_MOCK_UNKNOWN_APP', 404],
    [new StateError('format: no'), 'StateError', 'TIM_MOCK_STATE', 400],
    [new SeedError('accounts[0]: no'), 'SeedError', 'TIM_MOCK_SEED', 400],
    [new StubError('reply: no'), 'StubError', 'TIM_MOCK_STUB', 400],
  ] as const;
  for (const [error, name, code, statusCode] of cases) {
    t.ok(error instanceof Error, `${name} is an Error`);
    t.match(error, { name, code, statusCode }, name);
    t.equal(String(error), `${name} [${code}]: ${error.message}`);
  }
  t.equal(new FaultSpecError('100% of calls: %s').message, '100% of calls: %s', 'a message is kept as given, never formatted');
  t.notOk(new FaultSpecError('x') instanceof AppSettingsError, 'each is its own class');
});

t.test('the fixed-message errors: code, status and message', async (t) => {
  t.match(new ForbiddenKeyError(), { code: 'TIM_MOCK_FORBIDDEN_KEY', statusCode: 400, message: /__proto__ or constructor\.prototype/ });
  t.match(new LargeBodyBusyError(), { code: 'TIM_MOCK_LARGE_BODY_BUSY', statusCode: 429, message: /another large control body/ });
  t.match(new HostRequiredError(), { code: 'TIM_MOCK_HOST_REQUIRED', statusCode: 400, message: 'an HTTP/1.1 request needs a Host header' });
  t.match(new ExpectationError(), { code: 'TIM_MOCK_EXPECTATION', statusCode: 417, message: 'the Expect header can only be 100-continue' });
});
