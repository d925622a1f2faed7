import t from 'tap';
import { clientErrorStatus } from '../src/transport/client-error.js';

const withStatus = (statusCode: unknown) => Object.assign(new Error('thrown'), { statusCode });

t.test("only a 4xx status on an error is the client's; anything else is the emulator's own fault", async (t) => {
  for (const statusCode of [400, 404, 413, 499]) t.equal(clientErrorStatus(withStatus(statusCode)), statusCode, String(statusCode));
  for (const statusCode of [399, 500, 503, 0, '400', undefined, Number.NaN]) {
    t.equal(clientErrorStatus(withStatus(statusCode)), undefined, String(statusCode));
  }
  t.equal(clientErrorStatus(new Error('no status at all')), undefined, 'a plain Error');
});
