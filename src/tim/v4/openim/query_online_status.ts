import { onlineQuery } from '../../rules/online-query.js';

/** query_online_status: 1 to 500 accounts' online state (https://cloud.tencent.com/document/product/269/2566). */
export default onlineQuery('query_online_status', 'The online state of 1 to 500 accounts (Offline until a client logs in)');
