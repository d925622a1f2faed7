import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { JOURNAL_PAGE_DEFAULT, JOURNAL_PAGE_MAX, type JournalPage } from '../../src/services/journal/journal.js';
import { mockControls } from '../../src/in-process.js';
import { build, call, IMPORT, REGISTER } from '../helper.js';

const page = async (app: FastifyInstance, query = ''): Promise<JournalPage> => {
  const res = await app.inject(`/__mock/requests${query}`);
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json();
};
const seqs = (p: JournalPage): number[] => p.requests.map((e) => e.seq);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** `n` journalled calls, made straight through inject (no per-call assertions: hundreds of them). */
async function record(app: FastifyInstance, n: number, path = IMPORT): Promise<void> {
  for (let i = 0; i < n; i++) {
    await app.inject({ method: 'POST', url: path, query: { sdkappid: '1400000001', identifier: 'administrator', usersig: 's', random: '1', contenttype: 'json' }, payload: `{"UserID":"u${i}"}` });
  }
}

t.test('without limit a page is the newest 100, oldest first; next pages back to the oldest', async (t) => {
  const { app } = build(t);
  await record(app, 150);
  const first = await page(app);
  t.equal(JOURNAL_PAGE_DEFAULT, 100);
  t.same(seqs(first), range(51, 150));
  t.equal(first.next, 51);
  const second = await page(app, `?before=${first.next}`);
  t.same(seqs(second), range(1, 50));
  t.equal(second.next, null, 'no older page');
  t.same(seqs(await page(app, '?limit=50')), range(101, 150));
  t.equal((await page(app, '?limit=50')).next, 101);
  t.equal((await page(app, '?limit=150')).next, null, 'a page holding the oldest match has no next');
});

t.test('limit is capped at 1000: a larger one is taken as 1000', async (t) => {
  const { app } = build(t, { journalSize: 2000 });
  await record(app, JOURNAL_PAGE_MAX + 5);
  const capped = await page(app, '?limit=1000000');
  t.equal(capped.requests.length, JOURNAL_PAGE_MAX);
  t.same(seqs(capped), range(6, JOURNAL_PAGE_MAX + 5));
  t.equal(capped.next, 6);
  t.same(seqs(await page(app, `?limit=${JOURNAL_PAGE_MAX}&before=6`)), range(1, 5));
});

t.test('after: only newer entries; with before, a window; next stays inside it', async (t) => {
  const { app } = build(t);
  await record(app, 20);
  t.same(seqs(await page(app, '?after=17')), [18, 19, 20]);
  t.same(await page(app, '?after=20'), { requests: [], next: null });
  const newest = await page(app, '?after=5&limit=4');
  t.same(seqs(newest), [17, 18, 19, 20]);
  t.equal(newest.next, 17);
  const older = await page(app, '?after=5&before=17&limit=8');
  t.same(seqs(older), range(9, 16));
  t.equal(older.next, 9);
  const last = await page(app, '?after=5&before=9&limit=8');
  t.same(seqs(last), [6, 7, 8]);
  t.equal(last.next, null);
  t.same(seqs(await page(app, '?before=1')), []);
  t.same(seqs(await page(app, '?before=1000')), range(1, 20), 'a cursor past the newest is the newest');
  t.same(seqs(await page(app, '?after=0')), range(1, 20));
  t.same(seqs(await page(app, '?after=10&before=11')), []);
});

t.test('paging combines with the filters: next is the oldest match on the page', async (t) => {
  const { app } = build(t);
  for (let i = 0; i < 10; i++) {
    await call(t, app, IMPORT, { UserID: `p${i}` });
    await call(t, app, REGISTER, { Identifier: `reg${i}xx`, IdentifierType: 3, Password: 'pass12345' });
  }
  const imports = await page(app, `?path=${IMPORT}&limit=3`);
  t.same(imports.requests.map((e) => e.account), ['p7', 'p8', 'p9']);
  t.equal(imports.next, imports.requests[0]?.seq);
  const older = await page(app, `?path=${IMPORT}&limit=3&before=${imports.next}`);
  t.same(older.requests.map((e) => e.account), ['p4', 'p5', 'p6']);
  t.same((await page(app, `?identifier=p2&after=${older.next}`)).requests, []);
  t.same((await page(app, '?identifier=p5&after=1')).requests.map((e) => e.account), ['p5']);
});

t.test('seq increases by one per call, is never reused and DELETE does not reset it', async (t) => {
  const { app } = build(t, { journalSize: 5 });
  await record(app, 8);
  t.same(seqs(await page(app)), [4, 5, 6, 7, 8], 'the ring keeps the newest; seqs go on');
  t.same(seqs(await page(app, '?before=6')), [4, 5]);
  t.equal((await app.inject({ method: 'DELETE', url: '/__mock/requests' })).json().removed, 5);
  t.same(await page(app, '?before=6'), { requests: [], next: null });
  await record(app, 2);
  t.same(seqs(await page(app)), [9, 10]);
  t.same(seqs(await page(app, '?after=8')), [9, 10]);
  t.same(seqs(await page(app, '?before=9')), []);
});

t.test('bad paging parameters are a 400 naming them', async (t) => {
  const { app } = build(t);
  for (const [query, message] of [
    ['?limit=0', /limit/],
    ['?limit=-1', /limit/],
    ['?before=-1', /before/],
    ['?before=x', /before/],
    ['?after=1.5', /after/],
  ] as const) {
    const res = await app.inject(`/__mock/requests${query}`);
    t.equal(res.statusCode, 400, query);
    t.match(res.json(), { statusCode: 400, message }, query);
  }
});

t.test('mockControls().requests(filter) takes the same limit, before and after, and without limit lists every entry the journal holds', async (t) => {
  const { app } = build(t);
  await record(app, 130);
  const controls = mockControls(app);
  t.same(controls.requests().map((e) => e.seq), range(1, 130), 'no page cap in process: all 130');
  t.same(controls.requests({ limit: 2 }).map((e) => e.seq), [129, 130]);
  t.same(controls.requests({ limit: 2, before: 129 }).map((e) => e.seq), [127, 128]);
  t.same(controls.requests({ after: 127 }).map((e) => e.seq), [128, 129, 130]);
  t.same(controls.requests({ limit: 5000 }).length, 130);
  t.same(controls.requests({ limit: 1001 }).length, 130, 'over the HTTP cap');
});
