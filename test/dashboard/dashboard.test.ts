import { join } from 'node:path';
import t from 'tap';
import type { Page } from 'playwright-core';
import { IMPORT_PATH, until, vendorCall } from '../ship/child.js';
import { launch, noBrowser, SCREENSHOTS, server, tab, watch } from './browser.js';
import { startBackend } from '../callbacks/backend.js';

const SDKAPPID = 1400000001;
const DELETE_PATH = '/v4/im_open_login_svc/account_delete';

t.setTimeout(240_000);

t.test('the dashboard in Chromium', { skip: noBrowser ?? false }, async (t) => {
  const browser = await launch(t);

  /** Waits for `text` in the element `selector` matches, for at most `ms` (a deadline, not a sleep). */
  const shows = (page: Page, selector: string, text: string | RegExp, ms = 5000) =>
    until(
      async () => (await page.locator(selector).allInnerTexts()).some((s) => (typeof text === 'string' ? s.includes(text) : text.test(s))),
      ms,
      `${selector} to show ${String(text)}`,
    );

  t.test('the page loads with no console error and no failed request, and every view renders (screenshots)', async (t) => {
    const mock = await server(t);
    const face = `${mock.url}/__mock/ui/favicon.svg`;
    await mock.app.inject({
      method: 'POST',
      url: '/__mock/accounts',
      payload: {
        accounts: [
          { sdkappid: SDKAPPID, kind: 'hosted', identifier: 'alice.chen', identifierType: 3, password: 'secret-pass1' },
          { sdkappid: SDKAPPID, kind: 'hosted', identifier: '86-13800138000', identifierType: 1, password: 'secret-pass1', nick: 'Chen Xiaoming' },
        ],
      },
    });
    for (const [i, nick] of ['Bob', 'Carol', 'Dave', 'Erin'].entries()) {
      await vendorCall(t, mock.url, IMPORT_PATH, { Identifier: `user_${1000 + i}`, Nick: nick, FaceUrl: face, Type: i === 3 ? 1 : 0 });
    }
    await vendorCall(t, mock.url, IMPORT_PATH, { Identifier: 'x'.repeat(40) });
    mock.addFault({ path: IMPORT_PATH, errorCode: 70169, times: 2 });
    await vendorCall(t, mock.url, IMPORT_PATH, { Identifier: 'frank' });
    await vendorCall(t, mock.url, DELETE_PATH, { DeleteItem: [{ UserID: 'user_1003' }, { UserID: 'nobody' }] });

    const { page } = await tab(t, browser);
    const { problems, dialogs } = watch(page);
    const cold = Date.now();
    await page.goto(`${mock.url}/`);
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    const coldMs = Date.now() - cold;
    const warm = Date.now();
    await page.reload();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    const warmMs = Date.now() - warm;
    const timing = (await page.evaluate(
      "(({ domContentLoadedEventEnd, loadEventEnd }) => ({ domContentLoaded: Math.round(domContentLoadedEventEnd), load: Math.round(loadEventEnd) }))(performance.getEntriesByType('navigation')[0])",
    )) as { domContentLoaded: number; load: number };
    t.comment(`page load: first ${coldMs} ms (files read on this request), then ${warmMs} ms; DOMContentLoaded ${timing.domContentLoaded} ms, load ${timing.load} ms`);

    const views = [
      ['Apps', /SDKAppID|does not list its apps/],
      ['Accounts', /user_1000/],
      ['Requests', /account_delete/],
      ['Messages', /No message stored yet/],
      ['Groups', /No group yet/],
      ['Callbacks', /No callback sent yet/],
      ['Faults', /70169/],
      ['Clock', /running|frozen/],
      ['State', /Download the state/],
      ['Coverage', /create_group/],
    ] as const;
    for (const [name, content] of views) {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 2, name }).waitFor();
      await shows(page, 'main', content);
      t.equal(await page.locator('nav a[aria-current="page"]').innerText(), name, `${name} is the current view`);
      if (name === 'Requests') await page.locator('ol.journal details').first().locator('summary').click();
      await page.screenshot({ path: join(SCREENSHOTS, `${name.toLowerCase()}.png`) });
    }
    await page.setViewportSize({ width: 390, height: 800 });
    for (const [name, content] of views) {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name }).click();
      await shows(page, 'main', content);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      t.equal(overflow, 0, `${name} in a narrow window: the page does not scroll sideways (wide tables scroll in their box)`);
    }
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Requests' }).click();
    await shows(page, 'main', /account_import/);
    await page.screenshot({ path: join(SCREENSHOTS, 'requests-narrow.png') });
    t.same(problems, [], 'no console error, no failed request');
    t.same(dialogs, []);
  });

  t.test('an account imported through the vendor endpoint shows in the accounts table and its call in the requests list within a second', async (t) => {
    const mock = await server(t);
    const accounts = (await tab(t, browser)).page;
    const requests = (await tab(t, browser)).page;
    await accounts.goto(`${mock.url}/#accounts`);
    await requests.goto(`${mock.url}/#requests`);
    await shows(accounts, 'main', 'No accounts');
    await shows(requests, 'main', 'No calls recorded yet');

    const sent = Date.now();
    t.match(await vendorCall(t, mock.url, IMPORT_PATH, { Identifier: 'live.one', Nick: 'Live' }), { ErrorCode: 0 });
    await Promise.all([
      accounts.getByRole('cell', { name: 'live.one', exact: true }).waitFor({ timeout: 1000 }),
      requests.locator('ol.journal summary', { hasText: 'live.one' }).waitFor({ timeout: 1000 }),
    ]);
    t.comment(`both tabs showed it ${Date.now() - sent} ms after the call`);
    t.match(await requests.locator('ol.journal summary').first().innerText(), /OK[\s\S]*im_open_login_svc\/account_import[\s\S]*live\.one/, 'newest first');

    t.match(await vendorCall(t, mock.url, IMPORT_PATH, { Identifier: '' }), { ErrorCode: 70402 });
    await vendorCall(t, mock.url, DELETE_PATH, { DeleteItem: [{ UserID: 'live.one' }] });
    await shows(requests, '.count', '3 most recent calls');
    const failed = requests.locator('ol.journal li.failed');
    t.equal(await failed.count(), 1, 'the failed call stands out');
    t.match(await failed.innerText(), /70402[\s\S]*invalid parameter/, 'with the meaning account_import gives 70402');
    await requests.getByLabel('Error code', { exact: true }).fill('70402');
    await shows(requests, '.count', '1 most recent calls');
    await requests.getByLabel('Error code', { exact: true }).fill('');
    await requests.locator('select[name="path"]').selectOption(DELETE_PATH);
    await shows(requests, '.count', '1 most recent calls');
    t.match(await requests.locator('ol.journal summary').innerText(), /account_delete/, 'filtered by path');
    await requests.getByLabel('SDKAppID', { exact: true }).fill('42');
    await shows(requests, '.count', 'No calls recorded yet');
    t.pass('filtered by error code, path and app');
  });

  t.test('adding an account from the page applies the vendor rules: a bad identifier shows the vendor code, a good one is stored', async (t) => {
    const mock = await server(t);
    const { page } = await tab(t, browser);
    await page.goto(`${mock.url}/#accounts`);
    await page.getByRole('combobox', { name: 'SDKAppID' }).fill(String(SDKAPPID));
    await page.getByText('Add an account').click();
    const form = page.locator('details.panel form');
    await form.getByLabel('Kind').selectOption('hosted');
    await form.getByLabel('Identifier', { exact: true }).fill('abc');
    await form.getByLabel('Password').fill('password12');
    await form.getByRole('button', { name: 'Add' }).click();
    const alert = page.locator('details.panel [role="alert"]');
    await alert.waitFor();
    t.match(await alert.innerText(), /^70419\s[\s\S]*Identifier length invalid/, 'hosted, 3 characters: the vendor code 70419 and its text');
    t.equal(mock.accounts(SDKAPPID).length, 0, 'nothing stored');

    await form.getByLabel('Kind').selectOption('standalone');
    await form.getByLabel('Identifier', { exact: true }).fill('y'.repeat(33));
    await form.getByRole('button', { name: 'Add' }).click();
    await shows(page, 'details.panel [role="alert"]', /^70402\s/);
    t.pass('standalone, 33 bytes: 70402');

    await form.getByLabel('Identifier', { exact: true }).fill('y'.repeat(32));
    await form.getByLabel('Nick').fill('Thirty-two');
    await form.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('cell', { name: 'y'.repeat(32), exact: true }).waitFor();
    t.match(mock.accounts(SDKAPPID), [{ identifier: 'y'.repeat(32), kind: 'standalone', nick: 'Thirty-two' }], '32 bytes is stored');
    t.equal(await page.locator('details.panel [role="alert"]').count(), 0, 'the error is gone');
  });

  t.test('Messages: conversations newest first, and a message sent meanwhile shows within a second', async (t) => {
    const mock = await server(t);
    for (const Identifier of ['alice', 'bob', 'carol']) await vendorCall(t, mock.url, IMPORT_PATH, { Identifier });
    const send = (from: string, to: string, text: string, random: number) =>
      vendorCall(t, mock.url, '/v4/openim/sendmsg', {
        From_Account: from, To_Account: to, MsgRandom: random, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
      });
    await send('alice', 'bob', 'first to bob', 1);
    await send('carol', 'alice', 'hello alice', 2);
    const { page } = await tab(t, browser);
    const { problems } = watch(page);
    await page.goto(`${mock.url}/#messages`);
    await shows(page, 'ol.conversations', 'hello alice');
    const order = async () => (await page.locator('ol.conversations > li .who').allInnerTexts()).join(' | ');
    t.equal(await order(), 'alice ↔ carol | alice ↔ bob', 'the newest conversation first');
    await send('bob', 'alice', '<img src=x onerror=alert(1)> reply', 3);
    await until(async () => (await order()) === 'alice ↔ bob | alice ↔ carol', 1500, 'the conversation with the new message to move first');
    await shows(page, 'ol.conversations > li:first-child summary', '<img src=x onerror=alert(1)> reply');
    await page.locator('ol.conversations > li:first-child summary').click();
    t.same(await page.locator('ol.conversations > li:first-child ol.messages .text').allInnerTexts(), ['<img src=x onerror=alert(1)> reply', 'first to bob'], 'newest first, as text');
    t.same(problems, []);
  });

  t.test("Accounts: an account's details show its profile, logins, groups, friends and black list", async (t) => {
    const mock = await server(t);
    for (const Identifier of ['alice', 'bob', 'carol']) await vendorCall(t, mock.url, IMPORT_PATH, { Identifier, Nick: Identifier.toUpperCase() });
    await vendorCall(t, mock.url, '/v4/profile/portrait_set', { From_Account: 'alice', ProfileItem: [{ Tag: 'Tag_Profile_IM_Level', Value: 7 }] });
    mock.setOnline({ sdkappid: SDKAPPID, identifier: 'alice', platform: 'Web', status: 'Online' });
    await vendorCall(t, mock.url, '/v4/group_open_http_svc/create_group', { Type: 'Public', Name: 'Team', GroupId: 'team', Owner_Account: 'alice' });
    await vendorCall(t, mock.url, '/v4/sns/friend_import', { From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_X', Remark: 'Bobby' }] });
    await vendorCall(t, mock.url, '/v4/sns/black_list_add', { From_Account: 'alice', To_Account: ['carol'] });
    const { page } = await tab(t, browser);
    const { problems } = watch(page);
    await page.goto(`${mock.url}/#accounts`);
    await page.getByRole('button', { name: 'Details of alice' }).click();
    const detail = 'section.account-detail';
    await shows(page, detail, 'Tag_Profile_IM_Level');
    const text = await page.locator(detail).innerText();
    for (const expected of [/ALICE/, /Tag_Profile_IM_Level\s+7/, /Web: Online/, /team Team \(Public\), Owner/, /bob “Bobby”/, /carol/]) {
      t.match(text, expected);
    }
    await vendorCall(t, mock.url, '/v4/sns/friend_delete', { From_Account: 'alice', To_Account: ['bob'], DeleteType: 'Delete_Type_Single' });
    await shows(page, detail, 'No friends.', 2000);
    await page.getByRole('button', { name: 'Close' }).click();
    t.equal(await page.locator(detail).count(), 0);
    t.same(problems, []);
  });

  t.test('Groups: each group with its members and roles, a member added meanwhile shows within a second', async (t) => {
    const mock = await server(t);
    for (const Identifier of ['alice', 'bob', 'carol']) await vendorCall(t, mock.url, IMPORT_PATH, { Identifier });
    const G = '/v4/group_open_http_svc';
    await vendorCall(t, mock.url, `${G}/create_group`, { Type: 'Public', Name: 'Team', GroupId: 'team', Owner_Account: 'alice', MemberList: [{ Member_Account: 'bob' }] });
    const { page } = await tab(t, browser);
    const { problems } = watch(page);
    await page.goto(`${mock.url}/#groups`);
    await shows(page, 'ol.groups', '2 of');
    await page.locator('ol.groups > li summary').first().click();
    t.same(await page.locator('ol.groups ul.members li').allInnerTexts(), ['alice Owner', 'bob Member'], 'the owner first');
    await vendorCall(t, mock.url, `${G}/add_group_member`, { GroupId: 'team', MemberList: [{ Member_Account: 'carol' }] });
    await shows(page, 'ol.groups', '3 of', 1500);
    t.same(problems, []);
  });

  t.test('Callbacks: the journal newest first, a failed one in red, payload and reply expanded, a new one within a second', async (t) => {
    // What the view shows is GET /__mock/callbacks (docs/callbacks.md); the callbacks themselves are
    // the vendor's (https://cloud.tencent.com/document/product/269/1522, 269/1632, 269/1619).
    const backend = await startBackend(t);
    const mock = await server(t);
    const token = 'dashboard-callback-token-9';
    mock.setApp(SDKAPPID, { callbackUrl: backend.url, callbackToken: token });
    for (const Identifier of ['alice', 'bob']) await vendorCall(t, mock.url, IMPORT_PATH, { Identifier });
    const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello bob' } }];
    await vendorCall(t, mock.url, '/v4/openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody: body });
    await mock.nextCallback('C2C.CallbackAfterSendMsg', { timeoutMs: 5000 });
    backend.answerWith((_r, res) => {
      res.statusCode = 500;
      res.end('backend down');
    });
    mock.clients.login({ sdkappid: SDKAPPID, account: 'alice', platform: 'Web' });
    await mock.nextCallback('State.StateChange', { timeoutMs: 5000 });

    const { page } = await tab(t, browser);
    const { problems } = watch(page);
    await page.goto(`${mock.url}/#callbacks`);
    await shows(page, 'ol.callbacks', 'State.StateChange');
    const commands = async () => page.locator('ol.callbacks > li summary .path').allInnerTexts();
    t.same(await commands(), ['State.StateChange', 'C2C.CallbackAfterSendMsg', 'C2C.CallbackBeforeSendMsg'], 'newest first');
    t.equal(await page.locator('ol.callbacks > li.failed').count(), 1, 'the 500 is marked failed');
    t.match(await page.locator('ol.callbacks > li.failed summary').innerText(), /HTTP 500/);

    await page.locator('ol.callbacks > li', { hasText: 'C2C.CallbackBeforeSendMsg' }).locator('summary').click();
    const detail = page.locator('ol.callbacks > li', { hasText: 'C2C.CallbackBeforeSendMsg' }).locator('.detail');
    t.match(await detail.locator('pre.payload').innerText(), /"From_Account": "alice"[\s\S]*"hello bob"/, 'the payload as sent');
    t.match(await detail.locator('pre.reply').innerText(), /"ActionStatus": "OK"/, "the backend's reply");
    const url = await detail.locator('.url').innerText();
    t.match(url, /CallbackCommand=C2C\.CallbackBeforeSendMsg/);
    t.notMatch(url, /Sign=|RequestTime=/, 'the URL without the signature');
    t.notMatch(await page.locator('main').innerText(), token, 'the token shows nowhere');

    backend.answerWith((_r, res) => res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' })));
    await vendorCall(t, mock.url, '/v4/group_open_http_svc/create_group', { Type: 'Public', Name: 'Team', GroupId: 'team', Owner_Account: 'alice' });
    await until(async () => (await commands())[0] === 'Group.CallbackAfterCreateGroup', 1500, 'the new callback to show first');

    await page.getByLabel('Command').selectOption('State.StateChange');
    await until(async () => (await commands()).join() === 'State.StateChange', 1500, 'the filter to keep one command');
    await page.screenshot({ path: join(SCREENSHOTS, 'callbacks.png') });
    t.same(problems, []);
  });

  t.test('a fault armed from the form answers the next vendor call and shows fired 1; every kind can be armed', async (t) => {
    const mock = await server(t);
    const { page } = await tab(t, browser);
    await page.goto(`${mock.url}/#faults`);
    const form = page.locator('form', { hasText: 'Arm a fault' });
    await form.getByLabel('Error code', { exact: true }).fill('70169');
    await form.getByLabel('Command').selectOption(IMPORT_PATH);
    await form.getByRole('button', { name: 'Arm' }).click();
    await shows(page, 'main', /Armed f/);
    t.match(mock.faults(), [{ kind: 'errorCode', errorCode: 70169, path: IMPORT_PATH, times: 1, stage: 'before', fired: 0 }]);

    t.match(await vendorCall(t, mock.url, IMPORT_PATH, { Identifier: 'unlucky' }), { ErrorCode: 70169 }, 'the next call gets the fault');
    await until(async () => (await page.locator('td.fired').first().innerText()) === '1', 2000, 'fired 1');
    t.pass('the table shows fired 1');

    const arm = async (effect: string, fields: Record<string, string>, selects: Record<string, string> = {}) => {
      await form.getByLabel('Effect').selectOption(effect);
      for (const [label, value] of Object.entries(selects)) await form.getByLabel(label).selectOption(value);
      for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
      const before = mock.faults().length;
      await form.getByRole('button', { name: 'Arm' }).click();
      await until(() => mock.faults().length === before + 1, 2000, `the ${effect} fault`);
    };
    await arm('httpStatus', { 'HTTP status': '503', 'Delay (ms)': '5', SDKAppID: '42', Account: 'who', 'Times (0 = until disarmed)': '0' }, { Stage: 'after' });
    await arm('drop', { 'Probability (0 to 1)': '0.5', Seed: '7', 'Delay (ms)': '' });
    await arm('delay', { 'Delay (ms)': '20', 'Probability (0 to 1)': '', Seed: '' });
    t.match(mock.faults().slice(1), [
      { kind: 'httpStatus', httpStatus: 503, delayMs: 5, sdkappid: 42, identifier: 'who', times: 0, stage: 'after' },
      { kind: 'drop', probability: 0.5, seed: 7 },
      { kind: 'delay', delayMs: 20 },
    ]);
    await page.locator('tbody tr').nth(3).waitFor();

    await form.getByLabel('Effect').selectOption('httpStatus');
    await form.getByLabel('HTTP status', { exact: true }).fill('200');
    await form.getByRole('button', { name: 'Arm' }).click();
    await shows(page, 'form [role="alert"]', /httpStatus/);
    t.pass('a spec the API refuses shows its message inline');

    const first = mock.faults()[0]?.id as string;
    await page.getByRole('button', { name: `Disarm ${first}` }).click();
    await until(() => mock.faults().length === 3, 2000, 'one disarmed');
    await page.getByRole('button', { name: 'Disarm all' }).click();
    await page.getByRole('button', { name: 'Yes, disarm all' }).click();
    await shows(page, 'main', 'No fault armed');
    t.same(mock.faults(), [], 'all disarmed');
  });

  t.test('the clock: advance by a step, set a time, back to real time', async (t) => {
    const mock = await server(t);
    mock.clock.set(Date.UTC(2026, 0, 1));
    const { page } = await tab(t, browser);
    await page.goto(`${mock.url}/#clock`);
    await shows(page, '#clock-now', '2026-01-01 00:00:00 UTC');
    await page.getByRole('button', { name: '+ 1 day' }).click();
    await shows(page, '#clock-now', '2026-01-02 00:00:00 UTC');
    t.equal(mock.clock.now(), Date.UTC(2026, 0, 2), 'one day later');
    t.ok(mock.clock.frozen);

    await page.getByLabel('Seconds').fill('90');
    await page.getByRole('button', { name: 'Advance', exact: true }).click();
    await shows(page, '#clock-now', '2026-01-02 00:01:30 UTC');

    await page.getByLabel('Date and time (UTC)').fill('2030-05-06T07:08:09');
    await page.getByRole('button', { name: 'Set', exact: true }).click();
    await shows(page, '#clock-now', '2030-05-06 07:08:09 UTC');
    t.equal(mock.clock.now(), Date.UTC(2030, 4, 6, 7, 8, 9));
    await shows(page, 'header .now', '2030-05-06 07:08:09 UTC');

    await page.getByRole('link', { name: 'Faults' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Faults' }).waitFor();
    await page.getByRole('link', { name: 'Clock' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '+ 1 minute' }).focus();
    await page.keyboard.press('Space');
    await shows(page, '#clock-now', '2030-05-06 07:09:09 UTC');
    t.pass('links and buttons work from the keyboard');

    await page.getByRole('button', { name: 'Back to real time' }).click();
    await shows(page, 'main', 'It follows real time');
    t.notOk(mock.clock.frozen, 'running again');
  });

  t.test('delete one, then delete all of one app after confirming; other apps keep theirs', async (t) => {
    const mock = await server(t);
    const OTHER = SDKAPPID + 1;
    await mock.app.inject({
      method: 'POST',
      url: '/__mock/accounts',
      payload: { accounts: ['a1', 'a2', 'a3', 'b1'].map((id, i) => ({ sdkappid: i < 3 ? SDKAPPID : OTHER, kind: 'standalone', identifier: id })) },
    });
    const { page } = await tab(t, browser);
    await page.goto(`${mock.url}/#accounts`);
    await page.getByRole('combobox', { name: 'SDKAppID' }).fill(String(SDKAPPID));
    await shows(page, '.count', '1–3 of 3 accounts');

    await page.getByRole('button', { name: 'Delete a2' }).click();
    await shows(page, '.count', '1–2 of 2 accounts');
    t.same(mock.accounts(SDKAPPID).map((a) => a.identifier), ['a1', 'a3']);

    await page.getByRole('button', { name: `Delete all (app ${SDKAPPID})` }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    t.equal(mock.accounts(SDKAPPID).length, 2, 'Cancel deletes nothing');
    await page.getByRole('button', { name: `Delete all (app ${SDKAPPID})` }).click();
    await page.getByRole('button', { name: 'Yes, delete all' }).click();
    await shows(page, '.count', `No accounts in app ${SDKAPPID}`);
    t.same(mock.accounts(SDKAPPID), [], 'the app is empty');
    t.same(mock.accounts(OTHER).map((a) => a.identifier), ['b1'], 'the other app is untouched');
  });

  t.test('pages of accounts come from the server: 100,000 accounts, a page and a search at a time', async (t) => {
    const mock = await server(t);
    for (let i = 0; i < 100_000; i++) mock.app.mock.store.import(SDKAPPID, `user${i}`, {});
    const { page } = await tab(t, browser);
    const pages: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/__mock/accounts') pages.push(request.url());
    });
    await page.goto(`${mock.url}/#accounts`);
    // The first page is the one that waits for the whole page machinery (the view's module, the
    // app list, the store's index of 100,000): a busy CI host took more than 5 s once.
    await shows(page, '.count', '1–50 of 100,000 accounts', 20_000);
    t.equal(await page.locator('table.accounts tbody tr').count(), 50, 'one page in the table');
    await page.getByRole('button', { name: 'Next' }).click();
    await shows(page, '.count', '51–100 of 100,000 accounts');
    await page.getByRole('searchbox', { name: 'Search identifiers' }).fill('user9999');
    await shows(page, '.count', '1–11 of 11 accounts');
    t.ok(pages.every((url) => /[?&]limit=\d+/.test(url)), 'every listing asked for a page (limit)');
  });

  t.test('with TIM_MOCK_TOKEN the page shows only the prompt, keeps the token for the tab and sends it on every call', async (t) => {
    const token = 'dashboard-token-1';
    const mock = await server(t, { mockToken: token });
    const { context, page } = await tab(t, browser);
    const controlCalls: { path: string; authorization: string | undefined }[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/__mock/') && !pathname.startsWith('/__mock/ui')) controlCalls.push({ path: pathname, authorization: request.headers().authorization });
    });
    await page.goto(`${mock.url}/`);
    await page.getByLabel('Mock token').waitFor();
    t.equal(await page.getByRole('navigation').count(), 0, 'no view, only the prompt');
    t.equal(await page.locator('table').count(), 0);

    await page.getByLabel('Mock token').fill('wrong');
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await shows(page, '[role="alert"]', 'That token was refused');
    t.equal(await page.evaluate("sessionStorage.getItem('tim-mock-token')"), null, 'a refused token is not kept');

    await page.getByLabel('Mock token').fill(token);
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    t.equal(await page.evaluate("sessionStorage.getItem('tim-mock-token')"), token, 'kept in sessionStorage');
    const since = controlCalls.length;
    await page.goto(`${mock.url}/#requests`);
    await page.reload();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await shows(page, 'main', 'No calls recorded yet');
    t.equal(await page.getByLabel('Mock token').count(), 0, 'a reload does not ask again');
    const after = controlCalls.slice(since);
    t.ok(['/__mock/clock', '/__mock/requests'].every((path) => after.some((c) => c.path === path)), `calls made after reloading: ${after.map((c) => c.path).join(' ')}`);
    t.same(after.filter((c) => c.authorization !== `Bearer ${token}`), [], 'every /__mock call carries the token');

    const other = await context.browser()?.newContext();
    t.teardown(() => other?.close());
    const fresh = await other?.newPage();
    await fresh?.goto(`${mock.url}/`);
    await fresh?.getByLabel('Mock token').waitFor();
    t.pass('another session is asked again');
  });

  t.test('an identifier of <img src=x onerror=alert(1)> renders as text everywhere; no dialog opens', async (t) => {
    const mock = await server(t);
    const evil = '<img src=x onerror=alert(1)>';
    const nick = '<script>alert(2)</script>';
    t.match(await vendorCall(t, mock.url, IMPORT_PATH, { Identifier: evil, Nick: nick, FaceUrl: 'javascript:alert(3)' }), { ErrorCode: 0 });
    const { page } = await tab(t, browser);
    const { problems, dialogs } = watch(page);
    await page.goto(`${mock.url}/#accounts`);
    await page.getByRole('cell', { name: evil, exact: true }).waitFor();
    await page.getByRole('cell', { name: nick, exact: true }).waitFor();
    await page.getByText('javascript:alert(3)').waitFor();

    await page.goto(`${mock.url}/#requests`);
    const row = page.locator('ol.journal details').first();
    await row.locator('summary', { hasText: evil }).click();
    await shows(page, 'ol.journal pre', nick);
    await page.getByLabel('Account', { exact: true }).fill(evil);
    await shows(page, '.count', '1 most recent calls');

    const images = await page.evaluate("[...document.images].map((img) => img.getAttribute('src'))");
    t.same(images, [], 'no image element was made from the text');
    t.equal(await page.locator('script:not([src])').count(), 0, 'no inline script in the document');
    t.same(dialogs, [], 'no dialog opened');
    t.same(problems, []);
  });

  t.test('Apps lists every app with its mode, admin, plan, limits, account count and rate-limit tokens', async (t) => {
    const mock = await server(t);
    await vendorCall(t, mock.url, IMPORT_PATH, { Identifier: 'first' });
    const { page } = await tab(t, browser);
    const { problems } = watch(page);
    await page.goto(`${mock.url}/#apps`);
    const row = page.locator('tbody tr', { hasText: String(SDKAPPID) });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    t.match(cells.slice(0, 8), [String(SDKAPPID), 'zero-config', 'administrator', /./, /./, /enabled|disabled/, /\d+ days/, '1']);
    t.match(cells[8], /account_import \d+ \/ \d+/, 'the tokens left of account_import');
    await row.getByRole('button', { name: 'Accounts' }).click();
    await page.getByRole('cell', { name: 'first', exact: true }).waitFor();
    t.equal(await page.getByRole('combobox', { name: 'SDKAppID' }).inputValue(), String(SDKAPPID), 'Accounts opens on that app');
    t.same(problems, []);
  });

  t.test('Apps pages as GET /__mock/apps does: 100 a page, Next page and First page', async (t) => {
    const mock = await server(t);
    for (let sdkappid = 1; sdkappid <= 150; sdkappid++) mock.app.mock.apps.get(sdkappid);
    const { page } = await tab(t, browser);
    const { problems } = watch(page);
    await page.goto(`${mock.url}/#apps`);
    await page.locator('tbody tr', { hasText: '100' }).first().waitFor();
    t.equal(await page.locator('tbody tr').count(), 100, 'the first page');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.locator('tbody tr').first().filter({ hasText: '101' }).waitFor();
    t.equal(await page.locator('tbody tr').count(), 50, 'the second page');
    t.equal(await page.getByRole('button', { name: 'Next page' }).count(), 0, 'no page after the last');
    await page.getByRole('button', { name: 'First page' }).click();
    await page.locator('tbody tr:first-child td:first-child', { hasText: /^1$/ }).waitFor();
    t.equal(await page.locator('tbody tr').count(), 100, 'back to the first page');
    t.same(problems, []);
  });
});
