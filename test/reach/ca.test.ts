import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import t from 'tap';
import { ConfigError } from '../../src/shared/mock-errors.js';
import { LOOPBACK_NAMES, ServedHosts, VENDOR_HOSTS } from '../../src/transport/hosts.js';
import { startMockServer } from '../../src/in-process.js';
import { loadTlsMaterial } from '../../src/transport/tls/material.js';
import { IMPORT_PATH, httpsViaProxy } from './tls-client.js';

const names = (extra: string[] = []): string[] => new ServedHosts(extra).certificateNames;
const freshDir = (): string => mkdtempSync(join(tmpdir(), 'tim-ca-'));
const settings = (tlsDir: string | undefined, extra: string[] = []) => ({ tlsCert: undefined, tlsKey: undefined, tlsDir, names: names(extra) });

t.test('the CA is name-constrained to the vendor domains, localhost, loopback and TIM_TLS_HOSTS', async (t) => {
  const m = await loadTlsMaterial(settings(undefined, ['tim-mock', '10.1.2.3']));
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  const ca = new x509.X509Certificate(m.ca as string);
  const nc = ca.extensions.find((e) => e.type === '2.5.29.30');
  t.ok(nc?.critical, 'nameConstraints present and critical');
  const { AsnConvert } = await import('@peculiar/asn1-schema');
  const { NameConstraints } = await import('@peculiar/asn1-x509');
  const permitted = (AsnConvert.parse(nc?.value as ArrayBuffer, NameConstraints).permittedSubtrees ?? []).map((s) => s.base.dNSName ?? s.base.iPAddress);
  t.same(permitted, [...VENDOR_HOSTS, 'localhost', 'tim-mock', '127.0.0.0/8', '::1/128', '10.1.2.3/32'], 'exactly these names and ranges, nothing wider');
  t.ok(ca.extensions.find((e) => e.type === '2.5.29.19')?.critical, 'basicConstraints critical (CA)');
});

t.test('the leaf covers every hostname, localhost, 127.0.0.1, ::1 and TIM_TLS_HOSTS, and chains to the CA', async (t) => {
  const m = await loadTlsMaterial(settings(undefined, ['tim-mock', '10.1.2.3']));
  const leaf = new X509Certificate(m.cert);
  for (const host of [...VENDOR_HOSTS, 'localhost', 'tim-mock']) t.equal(leaf.checkHost(host, { subject: 'never' }), host, host);
  for (const ip of ['127.0.0.1', '::1', '10.1.2.3']) t.equal(leaf.checkIP(ip), ip, ip);
  t.equal(leaf.checkHost('example.com'), undefined, 'and nothing else');
  t.ok(leaf.verify(new X509Certificate(m.ca as string).publicKey), 'signed by the CA');
  t.match(leaf.publicKey.asymmetricKeyDetails, { namedCurve: 'prime256v1' }, 'ECDSA P-256');
  t.same(LOOPBACK_NAMES, ['localhost', '127.0.0.1', '::1']);
});

t.test('a saved CA is reloaded with the same fingerprint; the key files are 0600', async (t) => {
  const dir = freshDir();
  const first = await loadTlsMaterial(settings(dir));
  t.equal(first.origin, 'generated');
  for (const file of ['ca-key.pem', 'leaf-key.pem']) t.equal(statSync(join(dir, file)).mode & 0o777, 0o600, `${file} is 0600`);
  t.equal(readFileSync(join(dir, 'ca.pem'), 'utf8'), first.ca, 'TIM_TLS_DIR/ca.pem is the CA');
  const again = await loadTlsMaterial(settings(dir));
  t.equal(again.origin, 'saved');
  t.equal(new X509Certificate(again.ca as string).fingerprint256, new X509Certificate(first.ca as string).fingerprint256, 'same CA');
  t.equal(again.cert, first.cert, 'the saved leaf is used while it holds every name');

  // A new name the saved CA covers is not possible (its constraints are fixed), so the leaf is only remade when damaged.
  writeFileSync(join(dir, 'leaf.pem'), 'damaged');
  const remade = await loadTlsMaterial(settings(dir));
  t.equal(remade.origin, 'saved');
  t.equal(new X509Certificate(remade.ca as string).fingerprint256, new X509Certificate(first.ca as string).fingerprint256, 'still the same CA');
  t.not(remade.cert, first.cert, 'a new leaf');
  t.equal(statSync(join(dir, 'leaf-key.pem')).mode & 0o777, 0o600, 'the new leaf key is 0600 too');
});

t.test('a saved CA whose constraints do not cover a newly asked host stops the start, saying how to make a new one', async (t) => {
  const dir = freshDir();
  await loadTlsMaterial(settings(dir));
  await t.rejects(loadTlsMaterial(settings(dir, ['tim-mock'])), ConfigError);
  const err = await loadTlsMaterial(settings(dir, ['tim-mock'])).catch((e: Error) => e);
  t.match(err, { message: /may not vouch for tim-mock[^]*delete [^ ]*ca\.pem and [^ ]*ca-key\.pem/ });
  await t.rejects(startMockServer({ httpsPort: 0, tlsDir: dir, tlsHosts: ['tim-mock'] }), ConfigError, 'startMockServer refuses to start');
  // A name under a permitted one is covered (RFC 5280: a dNSName constraint permits its subdomains).
  const sub = await loadTlsMaterial(settings(dir, ['x.console.tim.qq.com']));
  t.equal(sub.origin, 'saved');
});

t.test('TIM_TLS_CERT + TIM_TLS_KEY are served as given; there is then no CA to download', async (t) => {
  const made = await loadTlsMaterial(settings(undefined));
  const dir = freshDir();
  writeFileSync(join(dir, 'cert.pem'), made.cert);
  writeFileSync(join(dir, 'key.pem'), made.key);
  const mock = await startMockServer({ httpsPort: 0, tlsCert: join(dir, 'cert.pem'), tlsKey: join(dir, 'key.pem') });
  t.teardown(() => mock.close());
  const res = await fetch(`${mock.url}/__mock/tls/ca.pem`);
  t.equal(res.status, 404);
  const proxied = await httpsViaProxy(mock.port, 'console.tim.qq.com', IMPORT_PATH, made.ca, '{"UserID":"own-cert"}');
  t.equal(JSON.parse(proxied.body).ErrorCode, 0, 'the tunnel presents the given certificate');
  writeFileSync(join(dir, 'other-key.pem'), (await loadTlsMaterial(settings(undefined))).key);
  await t.rejects(loadTlsMaterial({ ...settings(undefined), tlsCert: join(dir, 'cert.pem'), tlsKey: join(dir, 'other-key.pem') }), ConfigError, 'a key of another certificate');
});

t.test('the CA key appears in no reply, log line, journal entry or state export', async (t) => {
  const dir = freshDir();
  const lines: string[] = [];
  const logStream = new Writable({
    write: (chunk, _enc, done) => {
      lines.push(String(chunk));
      done();
    },
  });
  const mock = await startMockServer({ httpsPort: 0, tlsDir: dir, logStream, logLevel: 'debug', mockToken: 'tok' });
  t.teardown(() => mock.close());
  const caKey = readFileSync(join(dir, 'ca-key.pem'), 'utf8');
  const leafKey = readFileSync(join(dir, 'leaf-key.pem'), 'utf8');
  const secrets = [caKey, leafKey].map((k) => k.split('\n')[1] as string);

  const auth = { authorization: 'Bearer tok' };
  t.equal((await fetch(`${mock.url}/__mock/tls/ca.pem`)).status, 401, 'behind the mock token');
  const pem = await fetch(`${mock.url}/__mock/tls/ca.pem`, { headers: auth });
  t.equal(pem.headers.get('content-type'), 'application/x-pem-file');
  const caText = await pem.text();
  t.equal(caText, readFileSync(join(dir, 'ca.pem'), 'utf8'), 'the same text as TIM_TLS_DIR/ca.pem');
  await httpsViaProxy(mock.port, 'console.tim.qq.com', IMPORT_PATH, caText, '{"UserID":"k"}');
  const replies = [
    caText,
    await (await fetch(`${mock.url}/__mock/state`, { headers: auth })).text(),
    await (await fetch(`${mock.url}/__mock/requests`, { headers: auth })).text(),
    await (await fetch(`${mock.url}/documentation/json`)).text(),
  ];
  const everything = [...replies, ...lines].join('\n');
  t.ok(lines.length > 0, 'lines were logged');
  for (const secret of secrets) t.notOk(everything.includes(secret), 'no part of a private key');
  t.notMatch(everything, /PRIVATE KEY/);
});
