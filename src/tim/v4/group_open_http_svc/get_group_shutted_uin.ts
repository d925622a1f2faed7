import { mutedList } from '../../rules/muted-list.js';

export default mutedList('get_group_shutted_uin', 'List the members muted now (the old name of get_group_muted_account)');
