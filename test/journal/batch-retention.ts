import { getHeapSnapshot } from 'node:v8';
import { buildApp } from '../../src/app.js';
import { envelope } from '../helper.js';

/**
 * Run by bounds.test.ts in a process of its own, whose small heap snapshots in a second. A
 * refused multiaccount_import names 110,000 marked accounts; prints how many of those names a
 * heap snapshot holds while the call is journalled, and after DELETE /__mock/requests.
 */
const MARKER = 'HELDNAME';
// Marked names are longer than the smallest ones that fit the default body limit.
const app = buildApp({ logger: false, bodyLimit: 4 * 1024 * 1024 });
const names = Array.from({ length: 110_000 }, (_, i) => `${MARKER}${String(i).padStart(6, '0')}`);
const post = async (payload: string) => {
  const res = await app.inject({ method: 'POST', url: `/v4/im_open_login_svc/multiaccount_import?${new URLSearchParams(envelope())}`, payload });
  if (res.statusCode !== 200) throw new Error(res.body);
};
await post(JSON.stringify({ Accounts: names }));
names.length = 0;
// Node and V8 remember the last strings they handled (a regular expression's last input, say).
for (let i = 0; i < 5; i++) await post('{"Accounts":["other"]}');
const journalled = app.mock.journal.list().filter((entry) => entry.accountCount === 110_000);
const accountCount = journalled[0]?.accountCount;
const journalledCount = journalled.length;
journalled.length = 0;

async function held(): Promise<number> {
  let count = 0;
  let tail = '';
  for await (const chunk of getHeapSnapshot()) {
    const text = tail + String(chunk);
    count += text.match(new RegExp(`${MARKER}\\d{6}`, 'g'))?.length ?? 0;
    // Short of one whole match, so that a match across two chunks is counted once.
    tail = text.slice(-(MARKER.length + 5));
  }
  return count;
}

const heldWhileJournalled = await held();
await app.inject({ method: 'DELETE', url: '/__mock/requests' });
const heldAfterDelete = await held();
process.stdout.write(JSON.stringify({ journalled: journalledCount, accountCount, heldWhileJournalled, heldAfterDelete }));
await app.close();
