import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { build, call, SDKAPPID } from '../../helper.js';
import { groupCountRefusal, planMemberLimit } from '../../../src/model/group-plan-limits.js';
import type { Plan } from '../../../src/model/plans.js';

// The plans' group limits: members per group and the groups an app may hold at once.
const LIMITS_PAGE = 'https://cloud.tencent.com/document/product/269/9346';
const G = '/v4/group_open_http_svc';
const CREATE = `${G}/create_group`;
const IMPORT = `${G}/import_group`;
const ADD = `${G}/add_group_member`;
const IMPORT_MEMBERS = `${G}/import_group_member`;
const DESTROY = `${G}/destroy_group`;
const MODIFY = `${G}/modify_group_base_info`;
const INFO = `${G}/get_group_info`;

const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const ok = { ActionStatus: 'OK', ErrorCode: 0 };

function withPlan(t: Parameters<typeof build>[0], plan: Plan | null, accounts = 0): FastifyInstance {
  const { app } = build(t);
  app.mock.apps.update(SDKAPPID, { plan });
  app.mock.store.import(SDKAPPID, 'owner', {});
  for (let i = 0; i < accounts; i++) app.mock.store.import(SDKAPPID, `m${i}`, {});
  return app;
}

const members = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ Member_Account: `m${from + i}` }));

async function create(t: Parameters<typeof build>[0], app: FastifyInstance, body: Record<string, unknown>): Promise<string> {
  const reply = await call(t, app, CREATE, { Owner_Account: 'owner', Name: 'g', ...body });
  t.match(reply, ok);
  return reply.GroupId as string;
}

t.test(`trial and developer: 20 members per group (${LIMITS_PAGE})`, async (t) => {
  for (const plan of ['trial', 'developer'] as const) {
    const app = withPlan(t, plan, 25);
    t.match(await call(t, app, CREATE, { Owner_Account: 'owner', Type: 'Public', Name: 'g', MemberList: members(0, 20) }), fail(10038), `${plan}: 21 at creation`);
    const full = await create(t, app, { Type: 'Public', MemberList: members(0, 19) });
    t.match((await call(t, app, INFO, { GroupIdList: [full] })).GroupInfo, [{ MemberNum: 20, MaxMemberNum: 20 }], `${plan}: 20 at creation`);
    t.match(await call(t, app, ADD, { GroupId: full, MemberList: members(19, 20) }), fail(10038), `${plan}: a 21st member`);
    const work = await create(t, app, { Type: 'Work', MemberList: members(0, 18) });
    t.match(await call(t, app, ADD, { GroupId: work, MemberList: members(18, 19) }), ok, `${plan}: a 20th member`);
    t.match(await call(t, app, ADD, { GroupId: work, MemberList: members(19, 20) }), fail(10038));
    t.match(await call(t, app, CREATE, { Type: 'Meeting', Name: 'g', MaxMemberCount: 21 }), fail(10004), `${plan}: MaxMemberCount 21`);
    t.match(await call(t, app, CREATE, { Type: 'Meeting', Name: 'g', MaxMemberCount: 20 }), ok);
    t.match(await call(t, app, MODIFY, { GroupId: work, MaxMemberNum: 21 }), fail(10004), `${plan}: MaxMemberNum 21`);
    t.match(await call(t, app, MODIFY, { GroupId: work, MaxMemberNum: 20 }), ok);
  }
});

t.test(`import_group_member within the trial's 20 members (${LIMITS_PAGE})`, async (t) => {
  const app = withPlan(t, 'trial', 21);
  const groupId = (await call(t, app, IMPORT, { Type: 'Public', Name: 'g', Owner_Account: 'owner' })).GroupId as string;
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: groupId, MemberList: members(0, 20) }), fail(10038), '21 members');
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: groupId, MemberList: members(0, 19) }), ok, '20 members');
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: groupId, MemberList: members(19, 20) }), fail(10038));
  t.match(await call(t, app, IMPORT, { Type: 'Public', Name: 'g', MaxMemberCount: 21 }), fail(10004));
});

t.test(`pro: 200 members per group; ultimate: 2000, under each type's own limit (${LIMITS_PAGE})`, async (t) => {
  const app = withPlan(t, 'pro', 201);
  const groupId = await create(t, app, { Type: 'Meeting', MemberList: members(0, 99) });
  t.match((await call(t, app, INFO, { GroupIdList: [groupId] })).GroupInfo, [{ MaxMemberNum: 200 }], "a Meeting's 6000 is the pro plan's 200");
  t.match(await call(t, app, ADD, { GroupId: groupId, MemberList: members(99, 200) }), fail(10038), '201 members');
  t.match(await call(t, app, ADD, { GroupId: groupId, MemberList: members(99, 199) }), ok, '200 members');
  t.match(await call(t, app, ADD, { GroupId: groupId, MemberList: members(199, 200) }), fail(10038));
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: groupId, MemberList: members(199, 200) }), fail(10038));
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', MaxMemberCount: 201 }), fail(10004));
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', MaxMemberCount: 200 }), ok);

  app.mock.apps.update(SDKAPPID, { plan: 'ultimate' });
  t.match(await call(t, app, ADD, { GroupId: groupId, MemberList: members(199, 200) }), fail(10038), "the group's own MaxMemberNum stays 200");
  t.match(await call(t, app, MODIFY, { GroupId: groupId, MaxMemberNum: 2001 }), fail(10004));
  t.match(await call(t, app, MODIFY, { GroupId: groupId, MaxMemberNum: 2000 }), ok);
  t.match(await call(t, app, ADD, { GroupId: groupId, MemberList: members(199, 200) }), ok);
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', MaxMemberCount: 2001 }), fail(10004));
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', MaxMemberCount: 2000 }), ok);
  t.match(await call(t, app, CREATE, { Type: 'Work', Name: 'g', MaxMemberCount: 201 }), fail(10004), "a Work group's 200");

  app.mock.apps.update(SDKAPPID, { plan: 'trial' });
  t.match(await call(t, app, ADD, { GroupId: groupId, MemberList: [{ Member_Account: 'owner' }] }), ok, 'already a member: nothing to add');
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: groupId, MemberList: members(0, 1) }), ok);
  const fresh = await create(t, app, { Type: 'Public', MemberList: [] });
  t.match(await call(t, app, ADD, { GroupId: fresh, MemberList: members(0, 20) }), fail(10038), 'a larger group after a move to trial takes no one');
});

t.test(`trial: 100 groups at once, 10 of them AVChatRooms; destroyed ones do not count (${LIMITS_PAGE})`, async (t) => {
  const app = withPlan(t, 'trial');
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) ids.push(await create(t, app, { Type: 'AVChatRoom' }));
  t.match(await call(t, app, CREATE, { Owner_Account: 'owner', Type: 'AVChatRoom', Name: 'g' }), fail(10036), 'an 11th AVChatRoom');
  for (let i = 10; i < 99; i++) ids.push(await create(t, app, { Type: i % 2 === 0 ? 'Public' : 'Work' }));
  t.match(await call(t, app, IMPORT, { Type: 'Public', Name: 'g' }), ok, 'the 100th group');
  t.equal(app.mock.groups.count(SDKAPPID), 100);
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g' }), fail(10036), 'a 101st group');
  t.match(await call(t, app, IMPORT, { Type: 'Public', Name: 'g' }), fail(10036));
  t.equal(app.mock.groups.count(SDKAPPID), 100, 'nothing was created');
  t.match(await call(t, app, DESTROY, { GroupId: ids[0] }), ok);
  t.match(await call(t, app, CREATE, { Type: 'AVChatRoom', Name: 'g' }), ok, 'a destroyed group leaves room');
  t.match(await call(t, app, CREATE, { Type: 'Community', Name: 'g', GroupId: '@TGS#_c' }), fail(10059), 'no Community on trial');
});

t.test(`pro: 50 AVChatRooms, other groups without a cap, no Community; ultimate: Communities (${LIMITS_PAGE})`, async (t) => {
  const app = withPlan(t, 'pro');
  for (let i = 0; i < 50; i++) await create(t, app, { Type: 'AVChatRoom' });
  t.match(await call(t, app, CREATE, { Type: 'AVChatRoom', Name: 'g' }), fail(10036), 'a 51st AVChatRoom');
  for (let i = 0; i < 51; i++) await create(t, app, { Type: 'Public' });
  t.equal(app.mock.groups.count(SDKAPPID), 101);
  t.match(await call(t, app, CREATE, { Type: 'Community', Name: 'g', GroupId: '@TGS#_c' }), fail(10059));
  t.match(await call(t, app, IMPORT, { Type: 'Community', Name: 'g', GroupId: '@TGS#_c' }), fail(10059));
  app.mock.apps.update(SDKAPPID, { plan: 'ultimate' });
  t.match(await call(t, app, CREATE, { Type: 'AVChatRoom', Name: 'g' }), ok, 'no AVChatRoom cap on ultimate');
  const community = await create(t, app, { Type: 'Community', GroupId: '@TGS#_c' });
  t.match((await call(t, app, INFO, { GroupIdList: [community] })).GroupInfo, [{ MaxMemberNum: 100_000 }], "a Community's 100,000 whatever the plan's figure");
  app.mock.apps.update(SDKAPPID, { plan: null });
  t.match(await call(t, app, CREATE, { Type: 'AVChatRoom', Name: 'g' }), ok, 'without a plan: no counts');
});

t.test(`the counts at their boundaries, 100,000 Communities on ultimate included (${LIMITS_PAGE})`, async (t) => {
  const counts = (all: number, avChatRooms = 0, communities = 0) => ({ all, avChatRooms, communities });
  t.equal(groupCountRefusal('ultimate', 'Community', counts(99_999, 0, 99_999)), undefined);
  t.equal(groupCountRefusal('ultimate', 'Community', counts(100_000, 0, 100_000)), 'count-over-limit');
  t.equal(groupCountRefusal('ultimate', 'Public', counts(1_000_000, 0, 100_000)), undefined);
  t.equal(groupCountRefusal('trial', 'Public', counts(99, 10)), undefined);
  t.equal(groupCountRefusal('trial', 'Public', counts(100, 10)), 'count-over-limit');
  t.equal(groupCountRefusal('pro', 'AVChatRoom', counts(1000, 49)), undefined);
  t.equal(groupCountRefusal('pro', 'AVChatRoom', counts(1000, 50)), 'count-over-limit');
  t.equal(groupCountRefusal('pro', 'Community', counts(0)), 'no-community');
  t.equal(groupCountRefusal(null, 'Community', counts(10 ** 9, 10 ** 9, 10 ** 9)), undefined);
  t.same(
    (['Private', 'Public', 'ChatRoom', 'AVChatRoom', 'Community'] as const).map((type) => planMemberLimit('ultimate', type)),
    [200, 2000, 2000, Number.MAX_SAFE_INTEGER, 100_000],
  );
  t.equal(planMemberLimit(null, 'Meeting'), 6000, 'without a plan: the type limit');
});
