import t from 'tap';
import { build, call, IMPORT } from '../helper.js';

t.test('a deeply nested body is answered, journalled and logged like any other call', async (t) => {
  const lines: string[] = [];
  const { app } = build(t, { logStream: { write: (line: string) => void lines.push(line) } });
  const raw = `{"Identifier":"deep1","x":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`;
  t.match(await call(t, app, IMPORT, undefined, { raw }), { ErrorCode: 0 });
  const requests = app.mock.journal.list();
  t.equal(requests.length, 1, 'the call is in the journal');
  t.equal(requests[0]?.account, 'deep1');
  const requestLines = lines.map((l) => JSON.parse(l) as { msg: string; account?: string }).filter((l) => l.msg === 'request');
  t.equal(requestLines.length, 1, 'one log line for the call');
  t.equal(requestLines[0]?.account, 'deep1');
});
