import t from 'tap';
import { build, call, IMPORT, SDKAPPID, ADMIN } from '../helper.js';
import { mockControls } from '../../src/in-process.js';
import { PATIENT_MS, startBackend } from './backend.js';

// The command list (https://cloud.tencent.com/document/product/269/1523) and each command's page:
// State.StateChange https://cloud.tencent.com/document/product/269/2570 (https://trtc.io/document/34357)
// Profile.CallbackPortraitSet https://trtc.io/document/48733
// Group.CallbackAfterNewMemberJoin https://cloud.tencent.com/document/product/269/1667 (https://trtc.io/document/34372)
// Group.CallbackAfterCreateGroup 269/1663, AfterMemberExit 269/1668, AfterGroupDestroyed 269/1670
// Sns.CallbackFriendAdd 269/1657, Sns.CallbackFriendDelete 269/1659, Sns.CallbackBlackListAdd 269/1660
// (1662 is Group.CallbackBeforeCreateGroup; English pages 1047/34359, 34360, 34361)
const T0 = Date.UTC(2026, 0, 1);

async function setUp(t: Parameters<typeof build>[0]) {
  const backend = await startBackend(t);
  const built = build(t);
  for (const UserID of ['alice', 'bob', 'carol']) await call(t, built.app, IMPORT, { UserID });
  const mock = mockControls(built.app);
  mock.setApp(SDKAPPID, { callbackUrl: backend.url, callbackToken: 'tok', callbackTimeoutMs: PATIENT_MS });
  /** Runs `act` and resolves with the body of the next `command` callback the backend receives. */
  const expect = async (command: string, act: () => Promise<unknown>) => {
    const record = built.app.mock.callbacks.journal.next(command, 10_000);
    await act();
    const got = await record;
    t.ok(got, `${command} was sent`);
    const received = backend.received.find((r) => r.url.searchParams.get('CallbackCommand') === command && r.body.EventTime === got?.payload.EventTime);
    t.ok(received?.url.searchParams.get('Sign'), `${command} reached the backend signed`);
    t.equal(received?.url.searchParams.get('OptPlatform'), 'RESTAPI');
    return got?.payload;
  };
  return { ...built, backend, mock, expect };
}

t.test('kick of a logged-in account: State.StateChange, Logout', async (t) => {
  const { app, mock, expect } = await setUp(t);
  mock.setOnline({ sdkappid: SDKAPPID, identifier: 'alice', platform: 'Android', status: 'Online' });
  const payload = await expect('State.StateChange', () => call(t, app, '/v4/im_open_login_svc/kick', { UserID: 'alice' }));
  t.same(payload, { CallbackCommand: 'State.StateChange', Info: { Action: 'Logout', To_Account: 'alice', Reason: 'Unregister' }, EventTime: T0 });
});

t.test('portrait_set: Profile.CallbackPortraitSet with the fields set', async (t) => {
  const { app, expect } = await setUp(t);
  const body = { From_Account: 'bob', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Bobby' }] };
  const payload = await expect('Profile.CallbackPortraitSet', () => call(t, app, '/v4/profile/portrait_set', body));
  t.same(payload, {
    CallbackCommand: 'Profile.CallbackPortraitSet',
    Operator_Account: ADMIN,
    From_Account: 'bob',
    ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Bobby' }],
    EventTime: T0,
  });
});

t.test('groups: create, member join and exit, destroy', async (t) => {
  const { app, expect } = await setUp(t);
  const G = '/v4/group_open_http_svc';
  const created = await expect('Group.CallbackAfterCreateGroup', () =>
    call(t, app, `${G}/create_group`, { Type: 'Public', GroupId: 'g1', Name: 'Team', Owner_Account: 'alice' }));
  t.match(created, { GroupId: 'g1', Operator_Account: ADMIN, Owner_Account: 'alice', Type: 'Public', Name: 'Team', CreateGroupMemberList: [{ Member_Account: 'alice' }] });
  const joined = await expect('Group.CallbackAfterNewMemberJoin', () =>
    call(t, app, `${G}/add_group_member`, { GroupId: 'g1', MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'alice' }] }));
  t.same(joined, {
    CallbackCommand: 'Group.CallbackAfterNewMemberJoin',
    GroupId: 'g1',
    Type: 'Public',
    JoinType: 'Invited',
    Operator_Account: ADMIN,
    NewMemberList: [{ Member_Account: 'bob' }],
    EventTime: T0,
  });
  const exited = await expect('Group.CallbackAfterMemberExit', () =>
    call(t, app, `${G}/delete_group_member`, { GroupId: 'g1', MemberToDel_Account: ['bob', 'carol'] }));
  t.match(exited, { GroupId: 'g1', ExitType: 'Kicked', Operator_Account: ADMIN, ExitMemberList: [{ Member_Account: 'bob' }] });
  t.equal((exited?.ExitMemberList as unknown[]).length, 1, 'carol was no member');
  const destroyed = await expect('Group.CallbackAfterGroupDestroyed', () => call(t, app, `${G}/destroy_group`, { GroupId: 'g1' }));
  t.match(destroyed, { GroupId: 'g1', Type: 'Public', Owner_Account: 'alice', Name: 'Team', MemberList: [{ Member_Account: 'alice' }] });
});

t.test('no change, no callback: a group without owner, members already in, nobody removed, every sns item failing', async (t) => {
  const { app, expect } = await setUp(t);
  const G = '/v4/group_open_http_svc';
  const created = await expect('Group.CallbackAfterCreateGroup', () => call(t, app, `${G}/create_group`, { Type: 'Public', GroupId: 'g2', Name: 'Bots' }));
  t.match(created, { Owner_Account: '', CreateGroupMemberList: [] });
  await call(t, app, `${G}/add_group_member`, { GroupId: 'g2', MemberList: [{ Member_Account: 'bob' }] });
  await call(t, app, `${G}/add_group_member`, { GroupId: 'g2', MemberList: [{ Member_Account: 'bob' }] });
  await call(t, app, `${G}/delete_group_member`, { GroupId: 'g2', MemberToDel_Account: ['carol'] });
  await call(t, app, '/v4/sns/friend_delete', { From_Account: 'alice', To_Account: ['bob'], DeleteType: 'Delete_Type_Single' });
  await call(t, app, '/v4/sns/black_list_add', { From_Account: 'alice', To_Account: ['alice'] });
  const destroyed = await expect('Group.CallbackAfterGroupDestroyed', () => call(t, app, `${G}/destroy_group`, { GroupId: 'g2' }));
  t.match(destroyed, { Owner_Account: '' });
  // Each callback is queued in call order, so the last one's record follows any the others made.
  t.same(app.mock.callbacks.journal.page({}).callbacks.map((r) => r.command), [
    'Group.CallbackAfterCreateGroup',
    'Group.CallbackAfterNewMemberJoin',
    'Group.CallbackAfterGroupDestroyed',
  ]);
});

t.test('sns: friend add and delete, black list add', async (t) => {
  const { app, expect } = await setUp(t);
  const S = '/v4/sns';
  const added = await expect('Sns.CallbackFriendAdd', () =>
    call(t, app, `${S}/friend_add`, { From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Test' }], ForceAddFlags: 1 }));
  t.same(added, {
    CallbackCommand: 'Sns.CallbackFriendAdd',
    PairList: [{ From_Account: 'alice', To_Account: 'bob', Initiator_Account: 'alice' }],
    ClientCmd: 'friend_add',
    Admin_Account: ADMIN,
    EventTime: T0,
  });
  const deleted = await expect('Sns.CallbackFriendDelete', () =>
    call(t, app, `${S}/friend_delete`, { From_Account: 'alice', To_Account: ['bob'], DeleteType: 'Delete_Type_Single' }));
  t.match(deleted, { PairList: [{ From_Account: 'alice', To_Account: 'bob' }], ClientCmd: 'friend_delete' });
  const blocked = await expect('Sns.CallbackBlackListAdd', () => call(t, app, `${S}/black_list_add`, { From_Account: 'alice', To_Account: ['carol'] }));
  t.match(blocked, { PairList: [{ From_Account: 'alice', To_Account: 'carol' }], ClientCmd: 'black_list_add' });
});
