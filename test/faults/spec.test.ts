import t, { type Test } from 'tap';
import { parseFaultSpec } from '../../src/services/faults/spec.js';
import { FaultSpecError } from '../../src/shared/mock-errors.js';
import { REGISTER } from '../helper.js';

const served = new Set([REGISTER]);
const refused = (t: Test, spec: unknown, message: RegExp) =>
  t.throws(() => parseFaultSpec(spec, served), { name: 'FaultSpecError', statusCode: 400, message }, JSON.stringify(spec));

t.test('defaults: once, certain, stage before, every path', async (t) => {
  t.same(parseFaultSpec({ errorCode: 70405 }, served), {
    path: undefined,
    sdkappid: undefined,
    identifier: undefined,
    kind: 'errorCode',
    errorCode: 70405,
    httpStatus: undefined,
    delayMs: 0,
    times: 1,
    probability: 1,
    seed: undefined,
    stage: 'before',
  });
  t.match(parseFaultSpec({ delayMs: 250 }, served), { kind: 'delay', delayMs: 250 });
  t.match(parseFaultSpec({ delayMs: 1 }, served), { kind: 'delay', delayMs: 1 }, 'the shortest delay alone');
  t.match(parseFaultSpec({ errorCode: 70405, delayMs: 0 }, served), { kind: 'errorCode', delayMs: 0 }, 'no delay beside a kind is fine');
  t.match(parseFaultSpec({ errorCode: 70405, times: 2147483647 }, served), { times: 2147483647 }, 'the most times');
  t.match(parseFaultSpec({ drop: true, delayMs: 10, times: 0, stage: 'after', path: REGISTER }, served), {
    kind: 'drop',
    delayMs: 10,
    times: 0,
    stage: 'after',
    path: REGISTER,
  });
});

t.test('refusals name the problem', async (t) => {
  refused(t, { errorCode: 70405, httpStatus: 502 }, /errorCode and httpStatus were both given/);
  refused(t, { httpStatus: 502, drop: true }, /httpStatus and drop were both given/);
  refused(t, { errorCode: 70405, httpStatus: 502, drop: true }, /^errorCode, httpStatus and drop were all given/);
  refused(t, { delayMs: 0 }, /^delayMs: a delay alone must be at least 1 ms/);
  refused(t, { errorCode: 70405, times: 2147483648 }, /^times: /);
  refused(t, { errorCode: 70405, times: 1e300 }, /^times: /);
  refused(t, {}, /needs one of errorCode, httpStatus, drop or delayMs/);
  refused(t, { times: 3 }, /needs one of/);
  refused(t, { errorCode: 0 }, /^errorCode: /);
  refused(t, { errorCode: 1.5 }, /^errorCode: /);
  refused(t, { errorCode: '70405' }, /^errorCode: /);
  refused(t, { httpStatus: 200 }, /^httpStatus: /);
  refused(t, { httpStatus: 600 }, /^httpStatus: /);
  refused(t, { drop: false }, /^drop: /);
  refused(t, { delayMs: -1 }, /^delayMs: /);
  refused(t, { delayMs: 60_001 }, /^delayMs: /);
  refused(t, { errorCode: 70405, times: -1 }, /^times: /);
  refused(t, { errorCode: 70405, probability: 1.01 }, /^probability: /);
  refused(t, { errorCode: 70405, seed: 7 }, /seed only applies with probability/);
  refused(t, { errorCode: 70405, stage: 'during' }, /^stage: /);
  refused(t, { errorCode: 70405, sdkappid: 0 }, /^sdkappid: /);
  refused(t, { errorCode: 70405, identifier: '' }, /^identifier: /);
  refused(t, { errorCode: 70405, errorcode: 1 }, /^errorcode: Unexpected property/);
  refused(t, { errorCode: 70405, path: '/v4/registration_service/nope' }, /path \/v4\/registration_service\/nope is not a command the emulator serves/);
  refused(t, [], /must be a JSON object/);
  refused(t, null, /must be a JSON object/);
  t.ok(new FaultSpecError('x') instanceof Error);
});
