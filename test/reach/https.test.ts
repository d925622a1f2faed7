import { once } from 'node:events';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, createServer as createNetServer } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import t from 'tap';
import { Agent, ProxyAgent, fetch as undiciFetch } from 'undici';
import { VENDOR_HOSTS } from '../../src/transport/hosts.js';
import { IMPORT_PATH, answerOf, loopbackLookup, httpsViaProxy, startTls, tunnel } from './tls-client.js';

const body = (id: string): string => JSON.stringify({ UserID: id });

t.test('the HTTPS port serves the vendor API, /__mock and /health from the same state', async (t) => {
  const mock = await startTls(t);
  const lookup = loopbackLookup;
  const res = await answerOf(
    httpsRequest({ host: 'console.tim.qq.com', port: mock.httpsPort, lookup, ca: mock.ca, method: 'POST', path: IMPORT_PATH, agent: false }),
    body('over-https'),
  );
  t.equal(res.status, 200);
  t.match(JSON.parse(res.body), { ActionStatus: 'OK', ErrorCode: 0 });
  t.same(mock.accounts().map((a) => a.identifier), ['over-https'], 'the account is in the one store');
  t.equal(mock.requests()[0]?.host, `console.tim.qq.com:${mock.httpsPort}`, 'the journal names the host the call was addressed to');

  // fetch (undici), with the name resolved to loopback as curl --resolve would.
  const dispatcher = new Agent({ connect: { ca: mock.ca, lookup } });
  t.teardown(() => dispatcher.close());
  const health = await undiciFetch(`https://adminapisgp.im.qcloud.com:${mock.httpsPort}/health`, { dispatcher });
  t.equal(health.status, 200, '/health over HTTPS');
  const list = await undiciFetch(`https://localhost:${mock.httpsPort}/__mock/accounts`, { dispatcher });
  t.match(await list.json(), { accounts: [{ identifier: 'over-https' }] }, '/__mock over HTTPS, localhost in the certificate');
  const ip = await undiciFetch(`${mock.httpsUrl}/health`, { dispatcher });
  t.equal(ip.status, 200, '127.0.0.1 in the certificate');
});

t.test('a client that does not trust the CA fails on the certificate: the chain is checked, not skipped', async (t) => {
  const mock = await startTls(t);
  const lookup = loopbackLookup;
  await t.rejects(
    answerOf(httpsRequest({ host: 'console.tim.qq.com', port: mock.httpsPort, lookup, method: 'POST', path: IMPORT_PATH, agent: false }), '{}'),
    { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    'https.request',
  );
  const dispatcher = new Agent({ connect: { lookup } });
  t.teardown(() => dispatcher.close());
  await t.rejects(undiciFetch(`https://console.tim.qq.com:${mock.httpsPort}/health`, { dispatcher }), TypeError, 'fetch');
  const err = await undiciFetch(`https://console.tim.qq.com:${mock.httpsPort}/health`, { dispatcher }).catch((e: Error) => e.cause);
  t.match(err, { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  t.equal(mock.requests().length, 0, 'nothing reached the app');
  // The failed handshakes closed their connections and nothing else: the port keeps serving.
  const ok = await undiciFetch(`${mock.httpsUrl}/health`, { dispatcher: new Agent({ connect: { ca: mock.ca } }) });
  t.equal(ok.status, 200);
});

t.test('proxy mode: CONNECT to every vendor hostname is terminated in-process and served by the same app', async (t) => {
  const mock = await startTls(t);
  for (const host of VENDOR_HOSTS) {
    const res = await httpsViaProxy(mock.port, host, IMPORT_PATH, mock.ca, body(host.replaceAll('.', '_').slice(0, 32)));
    t.equal(JSON.parse(res.body).ErrorCode, 0, `https.request to ${host} through the proxy`);
  }
  t.same(
    mock.requests().map((e) => e.host),
    VENDOR_HOSTS,
    'the journal names each region host',
  );
  // fetch through the proxy (undici's ProxyAgent, as HTTPS_PROXY clients do).
  const dispatcher = new ProxyAgent({ uri: mock.url, requestTls: { ca: mock.ca } });
  t.teardown(() => dispatcher.close());
  const res = await undiciFetch(`https://console.tim.qq.com${IMPORT_PATH}`, { method: 'POST', body: body('via-fetch'), dispatcher });
  t.match(await res.json(), { ActionStatus: 'OK' });
});

t.test('proxy mode makes the CA on the first CONNECT when no TLS was asked for', async (t) => {
  const { startMockServer } = await import('../../src/in-process.js');
  const mock = await startMockServer();
  t.teardown(() => mock.close());
  t.equal(mock.httpsUrl, undefined, 'no HTTPS port');
  const ca = await (await fetch(`${mock.url}/__mock/tls/ca.pem`)).text();
  t.match(ca, /^-----BEGIN CERTIFICATE-----/);
  const res = await httpsViaProxy(mock.port, 'console.tim.qq.com', IMPORT_PATH, ca, body('zero-config'));
  t.equal(JSON.parse(res.body).ErrorCode, 0);
  await t.rejects(httpsViaProxy(mock.port, 'console.tim.qq.com', IMPORT_PATH, undefined, '{}'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, 'untrusted');
});

t.test('absolute-form requests (HTTP_PROXY clients) are served for vendor hosts and refused for others', async (t) => {
  const mock = await startTls(t);
  const res = await fetch(`${mock.url}/nope`, { method: 'GET' });
  t.equal(res.status, 404, 'origin-form is unchanged');
  const raw = async (target: string, payload: string): Promise<string> => {
    const socket = netConnect({ host: '127.0.0.1', port: mock.port });
    socket.setEncoding('utf8');
    let text = '';
    socket.on('data', (c: string) => (text += c));
    socket.write(`POST ${target} HTTP/1.1\r\nHost: ${new URL(target).host}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${payload.length}\r\n\r\n${payload}`);
    await once(socket, 'close');
    return text;
  };
  const served = await raw(`http://adminapiusa.im.qcloud.com${IMPORT_PATH}`, body('absolute'));
  t.match(served, /^HTTP\/1.1 200 OK\r\n[^]*"ErrorCode":0/);
  t.equal(mock.requests().at(-1)?.host, 'adminapiusa.im.qcloud.com', 'served and journaled under its host');
  const refused = await raw('http://example.com/v4/x', '{}');
  t.match(refused, /^HTTP\/1.1 403 Forbidden/);
  t.match(refused, /\r\nconnection: close\r\n/i);
  const line = refused.split('\r\n\r\n')[1] as string;
  t.equal(line.trim().split('\n').length, 1, 'a one-line JSON body');
  t.match(JSON.parse(line), { statusCode: 403, message: /example\.com/ });
});

t.test('a CONNECT to a host that is not the vendor is refused 403 and the host is never contacted', async (t) => {
  const mock = await startTls(t);
  // A server the test owns: the proxy must not open a connection to it.
  let contacted = 0;
  const own = createNetServer(() => contacted++);
  own.listen(0, '127.0.0.1');
  await once(own, 'listening');
  t.teardown(() => own.close());
  const port = (own.address() as { port: number }).port;
  for (const authority of [`127.0.0.1:${port}`, `localhost:${port}`, 'example.com:443']) {
    const socket = netConnect({ host: '127.0.0.1', port: mock.port });
    socket.setEncoding('utf8');
    let text = '';
    socket.on('data', (c: string) => (text += c));
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
    await once(socket, 'close');
    t.match(text, /^HTTP\/1.1 403 Forbidden\r\n/, `${authority} refused`);
    t.match(JSON.parse(text.split('\r\n\r\n')[1] as string), { statusCode: 403, message: new RegExp(authority.split(':')[0] as string) });
  }
  t.equal(contacted, 0, "the test's own server saw no connection");
});

t.test('bad input closes the connection and the process keeps serving', async (t) => {
  const mock = await startTls(t, { requestTimeout: 100 });
  const closedWithout = async (port: number, data: string): Promise<string> => {
    const socket = netConnect({ host: '127.0.0.1', port });
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    let text = '';
    socket.on('data', (c: string) => (text += c));
    socket.write(data);
    await once(socket, 'close');
    return text;
  };
  t.equal(await closedWithout(mock.port, 'CONNECT  HTTP/1.1\r\nHost: x\r\n\r\n'), '', 'CONNECT with no host: closed, no answer');
  t.equal(await closedWithout(mock.port, 'CONNECT console.tim.qq.com HTTP/1.1\r\n\r\n'), '', 'CONNECT with no port');
  t.equal(await closedWithout(mock.port, 'CONNECT console.tim.qq.com:70000 HTTP/1.1\r\n\r\n'), '', 'CONNECT with a port over 65535');
  t.equal(await closedWithout(mock.port, 'CONNECT console.tim.qq.com:0 HTTP/1.1\r\n\r\n'), '', 'CONNECT with port 0');
  t.equal(await closedWithout(mock.httpsPort as number, `POST ${IMPORT_PATH} HTTP/1.1\r\nHost: x\r\n\r\n`), '', 'plain HTTP to the HTTPS port');

  // A tunnel whose client never sends a request is closed after requestTimeout. On a loaded
  // machine the handshake itself can outlast the 100 ms, and then handshakeTimeout closes it
  // before secureConnect: either way the server hangs up, which is what this pins. The client
  // reads, as every real one does: a paused socket never sees the end of its connection.
  const { socket, status } = await tunnel(mock.port, 'console.tim.qq.com:443');
  t.equal(status, 200);
  const tls = tlsConnect({ socket, servername: 'console.tim.qq.com', ca: mock.ca });
  tls.on('error', () => {});
  tls.resume();
  await once(tls, 'close');
  t.pass('the idle tunnel was closed');

  // A tunnel whose client hangs up mid-handshake.
  const cut = await tunnel(mock.port, 'console.tim.qq.com:443');
  cut.socket.end('\x16\x03\x01\x00');
  await once(cut.socket, 'close');

  const res = await fetch(`${mock.url}/health`);
  t.equal(res.status, 200, 'the HTTP port still serves');
  const again = await httpsViaProxy(mock.port, 'console.tim.qq.com', IMPORT_PATH, mock.ca, body('still-here'));
  t.equal(JSON.parse(again.body).ErrorCode, 0, 'the proxy still serves');
});

t.test('close() closes the HTTPS port', async (t) => {
  const mock = await startTls(t);
  const port = mock.httpsPort as number;
  await mock.close();
  const socket = netConnect({ host: '127.0.0.1', port });
  const [err] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
  t.equal(err.code, 'ECONNREFUSED');
});
