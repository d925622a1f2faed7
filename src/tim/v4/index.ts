import type { VendorCommand } from '../command.js';
import accountCheck from './im_open_login_svc/account_check.js';
import accountDelete from './im_open_login_svc/account_delete.js';
import accountImport from './im_open_login_svc/account_import.js';
import multiaccountImport from './im_open_login_svc/multiaccount_import.js';
import registerAccountV1 from './registration_service/register_account_v1.js';
// Issue 26: profiles, one-to-one messages, online state.
import portraitGet from './profile/portrait_get.js';
import portraitSet from './profile/portrait_set.js';
import sendmsg from './openim/sendmsg.js';
import batchsendmsg from './openim/batchsendmsg.js';
import importmsg from './openim/importmsg.js';
import adminGetroammsg from './openim/admin_getroammsg.js';
import adminMsgwithdraw from './openim/admin_msgwithdraw.js';
import adminSetMsgRead from './openim/admin_set_msg_read.js';
import getC2cUnreadMsgNum from './openim/get_c2c_unread_msg_num.js';
import kick from './im_open_login_svc/kick.js';
import queryOnlineStatus from './openim/query_online_status.js';
import querystate from './openim/querystate.js';

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
  adminSetMsgRead,
  getC2cUnreadMsgNum,
  kick,
  queryOnlineStatus,
  querystate,
];
