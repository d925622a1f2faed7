import { mutedList } from '../../rules/muted-list.js';

export default mutedList('get_group_muted_account', 'List the members muted now, with the time each mute ends');
