import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError } from '../../src/shared/mock-errors.js';
import { optionsFromProcess } from '../../src/config/settings.js';
import { ServedHosts, VENDOR_HOSTS, splitAuthority } from '../../src/transport/hosts.js';
import { startCli } from '../ship/child.js';

t.test('the TLS settings are environment variables and flags', async (t) => {
  const env = { TIM_HTTPS_PORT: '8443', TIM_TLS_DIR: '/ca', TIM_TLS_HOSTS: 'tim-mock, 10.0.0.5,Console.Example.' };
  t.match(optionsFromProcess([], env), { httpsPort: 8443, tlsDir: '/ca', tlsHosts: ['tim-mock', '10.0.0.5', 'console.example'] });
  t.match(optionsFromProcess(['--https-port', '0', '--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--tls-hosts', '::1'], env), {
    httpsPort: 0,
    tlsCert: 'c.pem',
    tlsKey: 'k.pem',
    tlsHosts: ['::1'],
  });
  t.match(optionsFromProcess([], {}), { httpsPort: undefined, tlsHosts: [], intercept: false }, 'no TLS unless asked');
  for (const [env2, named] of [
    [{ TIM_HTTPS_PORT: '65536' }, /^TIM_HTTPS_PORT /],
    [{ TIM_TLS_HOSTS: 'bad_name' }, /^TIM_TLS_HOSTS must be comma-separated hostnames or IP addresses; one is 8 characters/],
    [{ TIM_TLS_HOSTS: ' , ' }, /^TIM_TLS_HOSTS /],
    [{ TIM_TLS_CERT: 'c.pem' }, /TIM_TLS_CERT .*TIM_TLS_KEY .*together/],
  ] as const) {
    t.throws(() => optionsFromProcess([], env2), ConfigError);
    t.throws(() => optionsFromProcess([], env2), { message: named });
  }
});

t.test('host names: every vendor host is served, ports and anything else are checked', async (t) => {
  t.equal(VENDOR_HOSTS.length, 14, 'seven regions and their backups');
  const hosts = new ServedHosts(['tim-mock']);
  for (const h of [...VENDOR_HOSTS, 'CONSOLE.TIM.QQ.COM.', 'tim-mock']) t.ok(hosts.serves(h), h);
  for (const h of ['tim.qq.com', 'x.console.tim.qq.com', 'localhost', '127.0.0.1', 'example.com']) t.notOk(hosts.serves(h), h);
  t.same(splitAuthority('console.tim.qq.com:443'), { host: 'console.tim.qq.com', port: 443 });
  t.same(splitAuthority('[::1]:65535'), { host: '::1', port: 65535 }, 'the last port');
  t.same(splitAuthority('a:1'), { host: 'a', port: 1 }, 'the first port');
  for (const bad of ['console.tim.qq.com', 'console.tim.qq.com:0', 'console.tim.qq.com:65536', ':443', 'a b:443', '', 'x:443:1']) {
    t.equal(splitAuthority(bad), undefined, JSON.stringify(bad));
  }
});

t.test('the CLI serves HTTPS when asked and logs both URLs', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tim-cli-tls-'));
  const child = await startCli(['--https-port', '0', '--tls-dir', dir]);
  t.teardown(() => child.process.kill('SIGKILL'));
  const line = child.stdout().split('\n').find((l) => l.includes('"httpsUrl"')) as string;
  t.match(JSON.parse(line), { url: child.url, httpsUrl: /^https:\/\/127\.0\.0\.1:\d+$/, msg: /listening on http:\/\/\S+ and https:\/\// });
  child.process.kill('SIGTERM');
  t.match(await child.exited, { code: 0 });
});

t.test('the CLI stops (exit 2) with a message saying what is wrong in TIM_TLS_DIR', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tim-cli-tls-'));
  writeFileSync(join(dir, 'ca.pem'), 'not a certificate');
  const err = await startCli(['--https-port', '0', '--tls-dir', dir]).catch((e: Error) => e);
  t.match(err, { message: /exited \(2\)[^]*holds only one of ca\.pem and ca-key\.pem/ });
});
