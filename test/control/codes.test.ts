import t from 'tap';
import { Errors } from '../../src/tim/errors.js';
import { build, IMPORT, REGISTER } from '../helper.js';
import { json } from './json.js';

interface CodeView {
  code: number;
  info: string;
  commands: string[];
}

t.test('GET /__mock/codes lists every catalogue entry once, by code, with the commands that give it its meaning', async (t) => {
  const { app } = build(t);
  const res = await json(app, 'GET', '/__mock/codes');
  t.equal(res.status, 200);
  const codes = res.body.codes as CodeView[];
  t.equal(codes.length, Object.keys(Errors).length, 'one row per catalogue entry');
  t.same(
    codes.map((c) => [c.code, c.info]).sort(),
    Object.values(Errors).map((e) => [e.code, e.info]).sort(),
    'the catalogue texts, as the emulator answers them',
  );
  t.same(codes.map((c) => c.code), codes.map((c) => c.code).sort((a, b) => a - b), 'sorted by code');

  const meanings = codes.filter((c) => c.code === 70402);
  t.equal(meanings.length, 2, '70402 has two meanings');
  t.same(meanings.find((c) => c.info === Errors.RegisterAccountExists.info)?.commands, [REGISTER], 'on register_account_v1: the account exists');
  t.ok(meanings.find((c) => c.info === Errors.ImportBadRequest.info)?.commands.includes(IMPORT), 'on account_import: a bad request');
  t.same(codes.find((c) => c.code === Errors.HttpParse.code)?.commands, [], 'a common code names no command');
  t.same(codes.find((c) => c.code === Errors.RegisterIdentifierLength.code)?.commands, [REGISTER]);
});
