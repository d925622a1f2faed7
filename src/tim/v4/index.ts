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
import registerAccountV1 from './registration_service/register_account_v1.js';

/** Every vendor command the emulator serves. */
export const commands: readonly VendorCommand<any, any>[] = [
  registerAccountV1,
  accountImport,
  multiaccountImport,
  accountCheck,
  accountDelete,
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
];
