import type { VendorCommand } from '../command.js';
import accountCheck from './im_open_login_svc/account_check.js';
import accountDelete from './im_open_login_svc/account_delete.js';
import accountImport from './im_open_login_svc/account_import.js';
import multiaccountImport from './im_open_login_svc/multiaccount_import.js';
import registerAccountV1 from './registration_service/register_account_v1.js';
// Issue 26: profiles, one-to-one messages, online state.
import portraitGet from './profile/portrait_get.js';
import portraitSet from './profile/portrait_set.js';

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
];
