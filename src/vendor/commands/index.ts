import type { VendorCommand } from '../command.js';
import accountCheck from './account-check.js';
import accountDelete from './account-delete.js';
import accountImport from './account-import.js';
import multiaccountImport from './multiaccount-import.js';
import registerAccountV1 from './register-account-v1.js';

/** Every vendor command the emulator serves. */
export const commands: readonly VendorCommand<any, any>[] = [
  registerAccountV1,
  accountImport,
  multiaccountImport,
  accountCheck,
  accountDelete,
];
