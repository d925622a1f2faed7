import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

/** Whether a callback URL carries this app's id, a fresh RequestTime and the right Sign. */
export function verify(url, token, sdkappid, nowSeconds = Math.floor(Date.now() / 1000)) {
  const q = url.searchParams;
  const time = q.get('RequestTime') ?? '';
  if (q.get('SdkAppid') !== String(sdkappid) || !/^\d+$/.test(time)) return false;
  if (Math.abs(nowSeconds - Number(time)) > 60) return false;
  const expected = createHash('sha256').update(token + time).digest();
  const given = Buffer.from(q.get('Sign') ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Listens on a free port; `onCallback(command, body)` sees each verified callback. */
export function listen(token, sdkappid, onCallback) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://backend');
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      if (!verify(url, token, sdkappid)) {
        res.statusCode = 401;
        return res.end();
      }
      onCallback(url.searchParams.get('CallbackCommand'), JSON.parse(text));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
