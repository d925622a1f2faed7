import { getHeapSnapshot } from 'node:v8';
import { buildApp } from '../../src/app.js';
import { ADMIN, envelope, IMPORT } from '../helper.js';

/**
 * Run by url-retention.test.ts in a process of its own, whose small heap snapshots in a second
 * (the test runner's own heap takes half a minute). Makes journalled calls, each with a usersig
 * of its own, then prints how many of those usersigs a heap snapshot still holds.
 */
const MARKER = 'LEAKSIG';
const app = buildApp({ logger: false });
const post = async (path: string, query: Record<string, string>, n: number) => {
  const res = await app.inject({ method: 'POST', url: `${path}?${new URLSearchParams(envelope(query))}`, payload: `{"UserID":"leak${n}"}` });
  if (res.statusCode !== 200) throw new Error(res.body);
};

let n = 0;
for (const [path, identifier] of [
  [IMPORT, ADMIN], // the common call: the admin, to a command's path
  [IMPORT, 'someone-not-the-admin'], // refused: the caller as sent
  ['/v4/im_open_login_svc/account%5Fimport', ADMIN], // the command's path, written otherwise
  ['/v4/im_open_login_svc/no_such_command', 'another-caller-name'], // no command at all
] as const) {
  for (let i = 0; i < 20; i++, n++) await post(path, { identifier, usersig: `${MARKER}${String(n).padStart(6, '0')}${'x'.repeat(40)}` }, n);
}
// Node and V8 remember the last strings they handled (a regular expression's last input, say).
for (let i = 0; i < 5; i++) await post(IMPORT, {}, n++);

let held = 0;
let tail = '';
for await (const chunk of getHeapSnapshot()) {
  const text = tail + String(chunk);
  held += text.match(new RegExp(`${MARKER}\\d{6}`, 'g'))?.length ?? 0;
  // Short of one whole match, so that a match across two chunks is counted once.
  tail = text.slice(-(MARKER.length + 5));
}
process.stdout.write(JSON.stringify({ journalled: app.mock.journal.size, held }));
await app.close();
