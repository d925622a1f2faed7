import { once } from 'node:events';
import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import t from 'tap';
import { startTls, tunnel } from './tls-client.js';

/** Sends raw bytes to a port; resolves with everything answered once the connection closes. */
async function rawExchange(port: number, data: string | Buffer): Promise<string> {
  const socket = netConnect({ host: '127.0.0.1', port });
  socket.setEncoding('latin1');
  socket.on('error', () => {});
  let text = '';
  socket.on('data', (c: string) => (text += c));
  socket.write(data);
  await once(socket, 'close');
  return text;
}

t.test('N1: a refused CONNECT target is logged as its path, never its query (no usersig at debug level)', async (t) => {
  const lines: string[] = [];
  const mock = await startTls(t, { logStream: { write: (line: string) => void lines.push(line) }, logLevel: 'debug' });
  const usersig = 'eJwtzE0LgjAcBvDv8lxDrZtvkoUQFVJEQcJY1qKZm7bZJPS7p9X1ef0dsltlt4UUz';
  const answer = await rawExchange(mock.port, `CONNECT /v4/im_open_login_svc/account_check?usersig=${usersig}&sdkappid=1 HTTP/1.1\r\nHost: x\r\n\r\n`);
  t.equal(answer, '', 'closed without an answer');
  const refused = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => /^CONNECT without/.test(String(l.msg)));
  t.equal(refused.length, 1, 'one debug line for the refused CONNECT');
  t.equal(refused[0]?.target, '/v4/im_open_login_svc/account_check', 'the path alone');
  t.notOk(lines.some((l) => l.includes(usersig.slice(0, 12)) || l.includes('usersig=')), 'no line holds the usersig');

  const long = `/${'p'.repeat(500)}?usersig=${usersig}`;
  await rawExchange(mock.port, `CONNECT ${long} HTTP/1.1\r\nHost: x\r\n\r\n`);
  const clipped = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => /^CONNECT without/.test(String(l.msg)));
  t.equal(String(clipped[1]?.target).length, 100, 'a long path is clipped');
});

t.test('N4: a CONNECT the HTTP parser refuses is never answered 200 (which a client reads as a tunnel opened)', async (t) => {
  const mock = await startTls(t);
  const nonAscii = await rawExchange(mock.port, Buffer.from('CONNECT exämple.com:443 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8'));
  t.match(nonAscii, /^HTTP\/1.1 400 Bad Request\r\n/, 'a non-ASCII host: 400');
  t.match(nonAscii, /\r\nConnection: close\r\n/);
  t.match(JSON.parse(nonAscii.split('\r\n\r\n')[1] as string), { statusCode: 400, message: /CONNECT/ });

  const big = `X-Big: ${'b'.repeat(17 * 1024)}\r\n`;
  const overflow = await rawExchange(mock.port, `CONNECT console.tim.qq.com:443 HTTP/1.1\r\nHost: x\r\n${big}\r\n`);
  t.match(overflow, /^HTTP\/1.1 431 Request Header Fields Too Large\r\n/, 'headers over 16 KiB: 431');
  t.match(JSON.parse(overflow.split('\r\n\r\n')[1] as string), { statusCode: 431 });

  // The request line in one packet, the headers that overflow in later ones: the method is not known.
  const socket = netConnect({ host: '127.0.0.1', port: mock.port });
  socket.setEncoding('latin1');
  socket.on('error', () => {});
  let split = '';
  socket.on('data', (c: string) => (split += c));
  socket.write('CONNECT console.tim.qq.com:443 HTTP/1.1\r\nHost: x\r\n');
  // Waits for the emulator to read the first packet: its answer to a probe proves the event loop turned.
  t.equal((await fetch(`${mock.url}/health`)).status, 200);
  socket.write(big);
  socket.write(big);
  await once(socket, 'close');
  t.match(split, /^HTTP\/1.1 431 /, 'an overflow in a later packet: 431 too');

  t.equal((await fetch(`${mock.url}/health`)).status, 200, 'the emulator keeps serving');
});

/** Sends one request head over TLS (the HTTPS port, or a tunnel's socket); resolves with the raw answer. */
async function overTls(options: { port?: number; socket?: Duplex; ca: string }, head: string): Promise<string> {
  const tls = tlsConnect({ host: '127.0.0.1', servername: 'console.tim.qq.com', ...options });
  tls.setEncoding('latin1');
  tls.on('error', () => {});
  let text = '';
  tls.on('data', (c: string) => (text += c));
  await once(tls, 'secureConnect');
  tls.end(head);
  await once(tls, 'close');
  return text;
}

t.test('N5: the host rule of the HTTP port holds on the HTTPS port and inside tunnels; a target that is not a path is a 400', async (t) => {
  const mock = await startTls(t);
  const head = (target: string, host = 'console.tim.qq.com'): string => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
  const https = (target: string): Promise<string> => overTls({ port: mock.httpsPort as number, ca: mock.ca }, head(target));
  const tunnelled = async (target: string): Promise<string> => {
    const { socket } = await tunnel(mock.port, 'console.tim.qq.com:443');
    return overTls({ socket, ca: mock.ca }, head(target));
  };
  for (const [name, send] of [['the HTTPS port', https], ['a tunnel', tunnelled]] as const) {
    const other = await send('http://127.0.0.1:9/__mock/state');
    t.match(other, /^HTTP\/1.1 403 Forbidden\r\n/, `${name}: another host is refused`);
    t.notMatch(other, /"apps"/, `${name}: no state export`);
    t.match(await send('https://evil.example/health'), /^HTTP\/1.1 403 /, `${name}: https:// to another host too`);
    t.match(await send('https://console.tim.qq.com/health'), /^HTTP\/1.1 200 [^]*"status":"ok"/, `${name}: a vendor host is served`);
    t.match(await send('/health'), /^HTTP\/1.1 200 /, `${name}: origin-form unchanged`);
    const star = await send('*');
    t.match(star, /^HTTP\/1.1 400 Bad Request\r\n/, `${name}: '*' is a 400`);
    t.notMatch(star, /<html/i, `${name}: not the dashboard`);
  }
  for (const target of ['*', 'http://[bad/']) {
    const answer = await rawExchange(mock.port, head(target));
    t.match(answer, /^HTTP\/1.1 400 Bad Request\r\n/, `the HTTP port: ${target} is a 400`);
    t.match(JSON.parse(answer.split('\r\n\r\n')[1] as string), { statusCode: 400, message: /path/ });
  }
});
