import { onlineQuery } from '../../rules/online-query.js';

/** querystate: query_online_status's older name, which older SDKs still call; the same rules and reply. */
export default onlineQuery('querystate', "query_online_status's older name: the online state of 1 to 500 accounts");
