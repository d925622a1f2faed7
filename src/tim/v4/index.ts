import type { VendorCommand } from '../command.js';
import accountCheck from './im_open_login_svc/account_check.js';
import accountDelete from './im_open_login_svc/account_delete.js';
import accountImport from './im_open_login_svc/account_import.js';
import multiaccountImport from './im_open_login_svc/multiaccount_import.js';
// Groups (issue 27).
import createGroup from './group_open_http_svc/create_group.js';
import getGroupInfo from './group_open_http_svc/get_group_info.js';
import addGroupMember from './group_open_http_svc/add_group_member.js';
import deleteGroupMember from './group_open_http_svc/delete_group_member.js';
import modifyGroupBaseInfo from './group_open_http_svc/modify_group_base_info.js';
import destroyGroup from './group_open_http_svc/destroy_group.js';
import getAppidGroupList from './group_open_http_svc/get_appid_group_list.js';
import getJoinedGroupList from './group_open_http_svc/get_joined_group_list.js';
import getGroupMemberInfo from './group_open_http_svc/get_group_member_info.js';
import changeGroupOwner from './group_open_http_svc/change_group_owner.js';
import getRoleInGroup from './group_open_http_svc/get_role_in_group.js';
import modifyGroupMemberInfo from './group_open_http_svc/modify_group_member_info.js';
import sendGroupMsg from './group_open_http_svc/send_group_msg.js';
import sendGroupSystemNotification from './group_open_http_svc/send_group_system_notification.js';
import groupMsgGetSimple from './group_open_http_svc/group_msg_get_simple.js';
import groupMsgRecall from './group_open_http_svc/group_msg_recall.js';
import forbidSendMsg from './group_open_http_svc/forbid_send_msg.js';
import getGroupMutedAccount from './group_open_http_svc/get_group_muted_account.js';
import getGroupShuttedUin from './group_open_http_svc/get_group_shutted_uin.js';
import importGroup from './group_open_http_svc/import_group.js';
import importGroupMember from './group_open_http_svc/import_group_member.js';
import importGroupMsg from './group_open_http_svc/import_group_msg.js';
// Relationships (issue 27).
import friendAdd from './sns/friend_add.js';
import friendImport from './sns/friend_import.js';
import friendUpdate from './sns/friend_update.js';
import friendDelete from './sns/friend_delete.js';
import friendDeleteAll from './sns/friend_delete_all.js';
import friendCheck from './sns/friend_check.js';
import friendGet from './sns/friend_get.js';
import friendGetList from './sns/friend_get_list.js';
import blackListAdd from './sns/black_list_add.js';
import blackListDelete from './sns/black_list_delete.js';
import blackListGet from './sns/black_list_get.js';
import blackListCheck from './sns/black_list_check.js';
import friendGroupAdd from './sns/group_add.js';
import friendGroupDelete from './sns/group_delete.js';
import friendGroupGet from './sns/group_get.js';
import registerAccountV1 from './registration_service/register_account_v1.js';
// Issue 26: profiles, one-to-one messages, online state.
import portraitGet from './profile/portrait_get.js';
import portraitSet from './profile/portrait_set.js';
import sendmsg from './openim/sendmsg.js';
import batchsendmsg from './openim/batchsendmsg.js';
import importmsg from './openim/importmsg.js';
import adminGetroammsg from './openim/admin_getroammsg.js';
import adminMsgwithdraw from './openim/admin_msgwithdraw.js';
import modifyC2cMsg from './openim/modify_c2c_msg.js';
import adminSetMsgRead from './openim/admin_set_msg_read.js';
import getC2cUnreadMsgNum from './openim/get_c2c_unread_msg_num.js';
import kick from './im_open_login_svc/kick.js';
import queryOnlineStatus from './openim/query_online_status.js';

/** Every vendor command the emulator serves. */
export const commands: readonly VendorCommand<any, any>[] = [
  registerAccountV1,
  accountImport,
  multiaccountImport,
  accountCheck,
  accountDelete,
  // Issue 26.
  portraitSet,
  portraitGet,
  sendmsg,
  batchsendmsg,
  importmsg,
  adminGetroammsg,
  adminMsgwithdraw,
  modifyC2cMsg,
  adminSetMsgRead,
  getC2cUnreadMsgNum,
  kick,
  queryOnlineStatus,
  // Groups.
  createGroup,
  getGroupInfo,
  addGroupMember,
  deleteGroupMember,
  modifyGroupBaseInfo,
  destroyGroup,
  getAppidGroupList,
  getJoinedGroupList,
  getGroupMemberInfo,
  changeGroupOwner,
  getRoleInGroup,
  modifyGroupMemberInfo,
  sendGroupMsg,
  sendGroupSystemNotification,
  groupMsgGetSimple,
  groupMsgRecall,
  forbidSendMsg,
  getGroupMutedAccount,
  getGroupShuttedUin,
  importGroup,
  importGroupMember,
  importGroupMsg,
  // Relationships.
  friendAdd,
  friendImport,
  friendUpdate,
  friendDelete,
  friendDeleteAll,
  friendCheck,
  friendGet,
  friendGetList,
  blackListAdd,
  blackListDelete,
  blackListGet,
  blackListCheck,
  friendGroupAdd,
  friendGroupDelete,
  friendGroupGet,
];
