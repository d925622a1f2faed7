import t from 'tap';
import { decodeUserSig, makeUserSig, UserSigVerifier } from '../../src/tim/usersig.js';
import { userSig } from './sig.js';

const AT = Date.UTC(2026, 0, 1) / 1000;

t.test("makeUserSig makes the official library's sig, byte for byte, for the same second", async (t) => {
  const cases: Array<[number, string, string, number]> = [
    [1400000001, '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e', 'administrator', 86400],
    [1, 'k', 'a', 1],
    [4294967295, 'another key with spaces', 'user_01-x', 2147483647],
    [1400000002, '密钥', '管理员', 180 * 86400],
  ];
  for (const [sdkappid, key, identifier, expire] of cases) {
    t.equal(makeUserSig(sdkappid, key, identifier, expire, AT), userSig(sdkappid, key, identifier, expire, AT), `${sdkappid} ${identifier} ${expire}`);
  }
});

t.test('the emulator verifies it up to its last second and refuses it after (70001)', async (t) => {
  const sig = makeUserSig(1400000001, 'key', 'administrator', 60, AT);
  t.match(decodeUserSig(sig), { identifier: 'administrator', sdkappid: 1400000001, time: AT, expire: 60 });
  new UserSigVerifier(1400000001, 'key').verify(sig, 'administrator', AT + 60);
  t.throws(() => new UserSigVerifier(1400000001, 'key').verify(sig, 'administrator', AT + 61), { code: 70001 });
  t.throws(() => new UserSigVerifier(1400000001, 'other key').verify(sig, 'administrator', AT), { code: 70009 });
});
