// Hand-written: the commands the vendor's current REST API list (https://cloud.tencent.com/document/product/269/1520)
// documents that its 2022 OpenAPI description (generated.ts) lacks. Each schema is written from the command's
// own page, named in `page`: required fields, types, enums and the list and string limits the page states.
import { Type } from '@sinclair/typebox';
import type { CatalogueEntry } from './entry.js';

/** A message body as the message-format page describes it: element types and their contents. */
const MsgBody = () => Type.Array(Type.Object({ MsgType: Type.String(), MsgContent: Type.Object({}) }));

/** At most 20 counters, each key at most 128 bytes (269/85952). */
const GroupCounter = () =>
  Type.Array(Type.Object({ Key: Type.String({ maxLength: 128 }), Value: Type.Integer() }), { maxItems: 20 });

/** A conversation as the conversation-group pages name it: one-to-one (1, To_Account) or group (2, ToGroupId). */
const Contact = () =>
  Type.Object({
    Type: Type.Union([Type.Literal(1), Type.Literal(2)]),
    ToGroupId: Type.Optional(Type.String()),
    To_Account: Type.Optional(Type.String()),
  });

const ContactGroupItem = () => Type.Object({ GroupName: Type.String(), GroupId: Type.Integer({ minimum: 1 }) });

/** A conversation's group and marks, as get_contact_group and search_contact_group answer them. */
const MarkedContact = () =>
  Type.Object({
    Type: Type.Union([Type.Literal(1), Type.Literal(2)]),
    To_Account: Type.Optional(Type.String()),
    ToGroupId: Type.Optional(Type.String()),
    StandardMark: Type.Optional(Type.String()),
    CustomMark: Type.Optional(Type.String()),
    ContactGroupId: Type.Array(Type.Integer({ minimum: 1 })),
    Timestamp: Type.Integer(),
  });

/** The commands of the vendor's current list that the 2022 description lacks, each from its page. */
export const supplement: readonly CatalogueEntry[] = [
  {
    section: 'single_chat',
    service: 'openim',
    command: 'modify_c2c_msg',
    page: 'https://cloud.tencent.com/document/product/269/74740',
    request: () =>
      Type.Object({
        From_Account: Type.String(),
        To_Account: Type.String(),
        MsgKey: Type.String(),
        MsgBody: Type.Optional(MsgBody()),
        CloudCustomData: Type.Optional(Type.String()),
      }),
    reply: () => Type.Object({}),
  },
  {
    section: 'group',
    service: 'openim',
    command: 'modify_group_msg',
    page: 'https://cloud.tencent.com/document/product/269/74741',
    request: () =>
      Type.Object({
        GroupId: Type.String(),
        MsgSeq: Type.Integer(),
        MsgBody: Type.Optional(MsgBody()),
        CloudCustomData: Type.Optional(Type.String()),
      }),
    reply: () => Type.Object({}),
  },
  {
    section: 'group',
    service: 'group_open_avchatroom_http_svc',
    command: 'get_members',
    page: 'https://cloud.tencent.com/document/product/269/77266',
    request: () =>
      Type.Object({ GroupId: Type.String(), Timestamp: Type.Integer(), Mark: Type.Optional(Type.Integer()) }),
    reply: () =>
      Type.Object({
        MemberList: Type.Array(
          Type.Object({
            Member_Account: Type.String(),
            JoinTime: Type.Integer(),
            NickName: Type.Optional(Type.String()),
            Avatar: Type.Optional(Type.String()),
          }),
        ),
        // 0: the last page, so that a client paging through the list stops.
        NextTimestamp: Type.Integer({ minimum: 0, maximum: 0 }),
      }),
  },
  {
    section: 'group',
    service: 'group_open_avchatroom_http_svc',
    command: 'check_members',
    page: 'https://cloud.tencent.com/document/product/269/95618',
    request: () => Type.Object({ GroupId: Type.String(), Member_Account: Type.Array(Type.String()) }),
    reply: () => Type.Object({ Member_Account: Type.Array(Type.String()) }),
  },
  {
    section: 'group',
    service: 'group_open_avchatroom_http_svc',
    command: 'modify_user_info',
    page: 'https://cloud.tencent.com/document/product/269/79267',
    request: () =>
      Type.Object({
        GroupId: Type.String(),
        CommandType: Type.Union([Type.Literal(1), Type.Literal(2)]),
        MemberList: Type.Array(
          Type.Object({ Member_Account: Type.String(), Marks: Type.Array(Type.Integer({ minimum: 1000 })) }),
          { maxItems: 500 },
        ),
      }),
    reply: () =>
      Type.Object({
        CommandType: Type.Integer(),
        MemberList: Type.Array(
          Type.Object({ Member_Account: Type.String(), Marks: Type.Array(Type.Integer({ minimum: 1000 })) }),
        ),
      }),
  },
  {
    section: 'group',
    service: 'group_open_http_svc',
    command: 'get_group_ban_member',
    page: 'https://cloud.tencent.com/document/product/269/79248',
    request: () =>
      Type.Object({
        GroupId: Type.String(),
        Limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
        Offset: Type.Integer({ minimum: 0 }),
      }),
    reply: () =>
      Type.Object({
        BannedAccountList: Type.Array(Type.Object({ Member_Account: Type.String(), BannedUntil: Type.Integer() })),
        // 0: the last page, as on get_members.
        NextOffset: Type.Integer({ minimum: 0, maximum: 0 }),
      }),
  },
  {
    section: 'group',
    service: 'group_open_http_svc',
    command: 'ban_group_member',
    page: 'https://cloud.tencent.com/document/product/269/79249',
    request: () =>
      Type.Object({
        GroupId: Type.String(),
        Members_Account: Type.Array(Type.String(), { maxItems: 20 }),
        Duration: Type.Integer({ minimum: 0, maximum: 4294967295 }),
        Description: Type.Optional(Type.String({ maxLength: 1000 })),
      }),
    reply: () => Type.Object({}),
  },
  {
    section: 'group',
    service: 'group_open_http_svc',
    command: 'unban_group_member',
    page: 'https://trtc.io/document/50297',
    request: () =>
      Type.Object({ GroupId: Type.String(), Members_Account: Type.Array(Type.String(), { maxItems: 20 }) }),
    reply: () => Type.Object({}),
  },
  {
    section: 'group',
    service: 'group_open_http_svc',
    command: 'get_group_counter',
    page: 'https://cloud.tencent.com/document/product/269/85953',
    request: () => Type.Object({ GroupId: Type.String(), GroupCounterKeys: Type.Optional(Type.Array(Type.String())) }),
    reply: () => Type.Object({ GroupCounter: GroupCounter() }),
  },
  {
    section: 'group',
    service: 'group_open_http_svc',
    command: 'update_group_counter',
    page: 'https://cloud.tencent.com/document/product/269/85952',
    request: () =>
      Type.Object({
        GroupId: Type.String(),
        GroupCounter: GroupCounter(),
        Mode: Type.Union([Type.Literal('Set'), Type.Literal('Increase'), Type.Literal('Decrease')]),
      }),
    reply: () => Type.Object({ GroupCounter: Type.Optional(GroupCounter()) }),
  },
  {
    section: 'group',
    service: 'group_open_http_svc',
    command: 'delete_group_counter',
    page: 'https://trtc.io/document/53429',
    request: () => Type.Object({ GroupId: Type.String(), GroupCounterKeys: Type.Optional(Type.Array(Type.String())) }),
    reply: () => Type.Object({}),
  },
  {
    section: 'group',
    service: 'group_open_http_svc',
    command: 'send_broadcast_msg',
    page: 'https://cloud.tencent.com/document/product/269/77402',
    request: () =>
      Type.Object({
        From_Account: Type.Optional(Type.String()),
        Random: Type.Integer({ minimum: 0, maximum: 4294967295 }),
        MsgBody: MsgBody(),
        CloudCustomData: Type.Optional(Type.String()),
      }),
    reply: () => Type.Object({}),
  },
  {
    section: 'recent_contact',
    service: 'recentcontact',
    command: 'mark_contact',
    page: 'https://cloud.tencent.com/document/product/269/85792',
    request: () =>
      Type.Object({
        From_Account: Type.String(),
        MarkItem: Type.Array(
          Type.Object({
            OptType: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)]),
            ContactItem: Type.Object({
              Type: Type.Union([Type.Literal(1), Type.Literal(2)]),
              ToGroupId: Type.Optional(Type.String()),
              To_Account: Type.Optional(Type.String()),
            }),
            SetMark: Type.Optional(Type.Array(Type.Integer())),
            ClearMark: Type.Optional(Type.Array(Type.Integer())),
            CustomMark: Type.Optional(Type.String()),
          }),
          { maxItems: 100 },
        ),
      }),
    reply: () => Type.Object({}),
  },
  {
    section: 'recent_contact',
    service: 'recentcontact',
    command: 'create_contact_group',
    page: 'https://www.tencentcloud.com/document/product/1047/53437',
    request: () =>
      Type.Object({
        From_Account: Type.String(),
        // One group a call; its name at most 64 bytes and at most 100 conversations to start with.
        GroupContactItem: Type.Array(
          Type.Object({
            GroupName: Type.String({ maxLength: 64 }),
            ContactItem: Type.Optional(Type.Array(Contact(), { maxItems: 100 })),
          }),
          { maxItems: 1 },
        ),
      }),
    reply: () =>
      Type.Object({
        GroupResultItem: Type.Array(
          Type.Object({
            GroupItem: ContactGroupItem(),
            ResultItem: Type.Array(
              Type.Object({
                ContactItem: Contact(),
                ResultCode: Type.Integer({ minimum: 0, maximum: 0 }),
                ResultInfo: Type.String({ maxLength: 0 }),
              }),
            ),
          }),
        ),
      }),
  },
  {
    section: 'recent_contact',
    service: 'recentcontact',
    command: 'del_contact_group',
    page: 'https://www.tencentcloud.com/document/product/1047/53441',
    request: () => Type.Object({ From_Account: Type.String(), GroupName: Type.Array(Type.String(), { maxItems: 1 }) }),
    reply: () => Type.Object({ GroupItem: Type.Array(ContactGroupItem()) }),
  },
  {
    section: 'recent_contact',
    service: 'recentcontact',
    command: 'update_contact_group',
    page: 'https://www.tencentcloud.com/document/product/1047/53439',
    request: () =>
      Type.Object({
        From_Account: Type.String(),
        UpdateType: Type.Literal(1),
        UpdateGroup: Type.Optional(
          Type.Object({
            UpdateGroupType: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2)])),
            OldGroupName: Type.Optional(Type.String()),
            NewGroupName: Type.Optional(Type.String({ maxLength: 64 })),
            ContactUpdateItem: Type.Optional(
              Type.Array(
                Type.Object({ ContactOptType: Type.Union([Type.Literal(1), Type.Literal(2)]), ContactItem: Contact() }),
              ),
            ),
          }),
        ),
      }),
    reply: () => Type.Object({ UpdateType: Type.Literal(1) }),
  },
  {
    section: 'recent_contact',
    service: 'recentcontact',
    command: 'search_contact_group',
    page: 'https://www.tencentcloud.com/document/product/1047/53442',
    request: () => Type.Object({ From_Account: Type.String(), ContactItem: Type.Array(Contact(), { maxItems: 300 }) }),
    reply: () =>
      Type.Object({ ContactResultItem: Type.Array(MarkedContact()), GroupItem: Type.Array(ContactGroupItem()) }),
  },
  {
    section: 'recent_contact',
    service: 'recentcontact',
    command: 'get_contact_group',
    page: 'https://www.tencentcloud.com/document/product/1047/53440',
    request: () => Type.Object({ From_Account: Type.String(), StartIndex: Type.Integer({ minimum: 0 }) }),
    reply: () =>
      Type.Object({
        ContactItem: Type.Array(MarkedContact()),
        GroupItem: Type.Array(ContactGroupItem()),
        // The whole list in one page: complete, no next index.
        CompleteFlag: Type.Literal(1),
        NextStartIndex: Type.Integer({ minimum: 0, maximum: 0 }),
      }),
  },
  {
    section: 'group',
    service: 'group_open_http_svc',
    command: 'delete_group_attr',
    page: 'https://cloud.tencent.com/document/product/269/104440',
    // A key is at most 32 bytes (the page's code 10045).
    request: () =>
      Type.Object({
        GroupId: Type.String(),
        GroupAttr: Type.Array(Type.Object({ key: Type.String({ maxLength: 32 }) })),
      }),
    reply: () => Type.Object({}),
  },
  {
    section: 'operation',
    service: 'im_cos_msg',
    command: 'forbid_illegal_object',
    page: 'https://cloud.tencent.com/document/product/269/74775',
    request: () => Type.Object({ RawURL: Type.String() }),
    reply: () => Type.Object({}),
  },
  {
    section: 'operation',
    service: 'im_cos_msg',
    command: 'allow_banned_object',
    page: 'https://cloud.tencent.com/document/product/269/74776',
    request: () => Type.Object({ RawURL: Type.String() }),
    reply: () => Type.Object({}),
  },
  {
    section: 'operation',
    service: 'im_cos_msg',
    command: 'get_cos_sig',
    page: 'https://cloud.tencent.com/document/product/269/74777',
    request: () =>
      Type.Object({ RawURLs: Type.Array(Type.Object({ ResourceID: Type.Integer(), RawURL: Type.String() })) }),
    reply: () =>
      Type.Object({
        // Each URL signed: Code 0 and an empty Desc, as the page's OK example shows.
        PreSigURLs: Type.Array(
          Type.Object({
            Code: Type.Integer({ minimum: 0, maximum: 0 }),
            Desc: Type.String({ maxLength: 0 }),
            ResourceID: Type.Integer(),
            PreSigURL: Type.String(),
          }),
        ),
      }),
  },
];
