/** A command's documented calls per second and the page that states it. */
export interface DocumentedLimit {
  limit: number;
  page: string;
}

const PUSH_LIMITS = 'https://cloud.tencent.com/document/product/269/137903';
const push = (limit: number): DocumentedLimit => ({ limit, page: PUSH_LIMITS });
/** The vendor's international site, where the conversation-group pages give their limit. */
const intl = (id: number): DocumentedLimit => ({ limit: 200, page: `https://www.tencentcloud.com/document/product/1047/${id}` });
const page = (id: number, limit = 200): DocumentedLimit => ({ limit, page: `https://cloud.tencent.com/document/product/269/${id}` });

/**
 * The calls per second each stubbed command's page gives ("最高调用频率", or the push section's
 * table of limits). A command not listed here gets 200/s: its page gives no limit, or it was not
 * read yet (docs/differences.md lists which). Emulated commands carry their own limit.
 */
export const RATE_LIMITS: Readonly<Record<string, DocumentedLimit>> = {
  // Two pushes must be more than a second apart, and the day's quota is 100 (the quota is not emulated).
  '/v4/all_member_push/im_push': { limit: 1, page: 'https://cloud.tencent.com/document/product/269/45934' },
  '/v4/all_member_push/im_set_attr_name': push(100),
  '/v4/all_member_push/im_get_attr_name': push(100),
  '/v4/all_member_push/im_get_attr': push(100),
  '/v4/all_member_push/im_set_attr': push(100),
  '/v4/all_member_push/im_remove_attr': push(100),
  '/v4/all_member_push/im_get_tag': push(100),
  '/v4/all_member_push/im_add_tag': push(100),
  '/v4/all_member_push/im_remove_tag': push(100),
  '/v4/all_member_push/im_remove_all_tags': push(100),
  '/v4/group_open_http_svc/import_group_msg': page(1635),
  '/v4/group_open_http_svc/get_online_member_num': page(49180),
  '/v4/openconfigsvr/getappinfo': page(4193),
  '/v4/openconfigsvr/setnospeaking': page(4230),
  '/v4/openconfigsvr/getnospeaking': page(4229),
  '/v4/ConfigSvc/GetIPList': page(45438),
  '/v4/group_open_http_svc/send_group_msg': page(1629),
  '/v4/recentcontact/get_list': page(62118),
  '/v4/openim/modify_c2c_msg': page(74740),
  '/v4/openim/modify_group_msg': page(74741),
  '/v4/group_open_avchatroom_http_svc/get_members': page(77266),
  '/v4/group_open_avchatroom_http_svc/check_members': page(95618),
  '/v4/group_open_avchatroom_http_svc/modify_user_info': page(79267),
  '/v4/group_open_http_svc/get_group_ban_member': page(79248),
  '/v4/group_open_http_svc/ban_group_member': page(79249),
  '/v4/group_open_http_svc/unban_group_member': { limit: 200, page: 'https://trtc.io/document/50297' },
  '/v4/group_open_http_svc/get_group_counter': page(85953),
  '/v4/group_open_http_svc/update_group_counter': page(85952),
  // The flagship plan's 1/s; the enterprise plan's 5/s is not emulated.
  '/v4/group_open_http_svc/send_broadcast_msg': page(77402, 1),
  '/v4/recentcontact/mark_contact': page(85792),
  '/v4/recentcontact/create_contact_group': intl(53437),
  '/v4/recentcontact/del_contact_group': intl(53441),
  '/v4/recentcontact/update_contact_group': intl(53439),
  '/v4/recentcontact/search_contact_group': intl(53442),
  '/v4/recentcontact/get_contact_group': intl(53440),
  '/v4/group_open_http_svc/delete_group_attr': page(104440),
};
