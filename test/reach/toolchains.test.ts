import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { QUERY, startTls } from './tls-client.js';

const run = promisify(execFile);
const has = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const goMissing = has('go', ['version']) ? false : 'Go is not installed (Debian: apt-get install golang-go)';
const requestsMissing = has('python3', ['-c', 'import requests']) ? false : 'Python requests is not installed (Debian: apt-get install python3-requests)';
const curlMissing = has('curl', ['--version']) ? false : 'curl is not installed (Debian: apt-get install curl)';

/** The environment of a child that reaches the vendor through the proxy, trusting the emulator's CA. */
const proxied = (proxy: string, caFile: string): NodeJS.ProcessEnv => ({
  ...process.env,
  HTTPS_PROXY: proxy,
  https_proxy: proxy,
  NO_PROXY: '',
  no_proxy: '',
  SSL_CERT_FILE: caFile,
  REQUESTS_CA_BUNDLE: caFile,
});

t.test('Go net/http with https://console.tim.qq.com hard-coded, through HTTPS_PROXY', { skip: goMissing }, async (t) => {
  const mock = await startTls(t);
  const dir = mkdtempSync(join(tmpdir(), 'tim-go-'));
  writeFileSync(join(dir, 'ca.pem'), mock.ca);
  // The Go source is gofmt's layout, which indents with tabs.
  /* eslint-disable @stylistic/no-tabs */
  writeFileSync(
    join(dir, 'main.go'),
    `package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

func main() {
	res, err := http.Post("https://console.tim.qq.com/v4/im_open_login_svc/account_import?${QUERY}", "text/plain", strings.NewReader(\`{"UserID":"from-go"}\`))
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	body, _ := io.ReadAll(res.Body)
	fmt.Print(string(body))
}
`,
  );
  /* eslint-enable @stylistic/no-tabs */
  const env = { ...proxied(mock.url, join(dir, 'ca.pem')), GOCACHE: join(dir, 'cache'), GOPATH: join(dir, 'gopath'), GO111MODULE: 'off' };
  const { stdout } = await run('go', ['run', join(dir, 'main.go')], { env, timeout: 120_000 });
  t.match(JSON.parse(stdout), { ActionStatus: 'OK', ErrorCode: 0 });
  t.equal(mock.requests().at(-1)?.host, 'console.tim.qq.com');
});

t.test('Python requests with https://console.tim.qq.com hard-coded, through HTTPS_PROXY', { skip: requestsMissing }, async (t) => {
  const mock = await startTls(t);
  const dir = mkdtempSync(join(tmpdir(), 'tim-py-'));
  writeFileSync(join(dir, 'ca.pem'), mock.ca);
  const script = `import requests\nr = requests.post("https://console.tim.qq.com/v4/im_open_login_svc/account_import?${QUERY}", data='{"UserID":"from-python"}')\nprint(r.text)\n`;
  const { stdout } = await run('python3', ['-c', script], { env: proxied(mock.url, join(dir, 'ca.pem')), timeout: 60_000 });
  t.match(JSON.parse(stdout), { ActionStatus: 'OK', ErrorCode: 0 });
  t.equal(mock.requests().at(-1)?.host, 'console.tim.qq.com');
  // Without the CA trusted, requests refuses the certificate.
  const untrusted = await run('python3', ['-c', script], { env: { ...proxied(mock.url, join(dir, 'ca.pem')), REQUESTS_CA_BUNDLE: '' }, timeout: 60_000 }).catch((e: Error) => e);
  t.match(untrusted, { message: /CERTIFICATE_VERIFY_FAILED/ });
});

t.test('curl --proxy --cacert, and curl --resolve to the HTTPS port', { skip: curlMissing }, async (t) => {
  const mock = await startTls(t);
  const dir = mkdtempSync(join(tmpdir(), 'tim-curl-'));
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, mock.ca);
  const url = `https://console.tim.qq.com/v4/im_open_login_svc/account_import?${QUERY}`;
  const env = { ...process.env, HTTPS_PROXY: '', https_proxy: '' };
  const viaProxy = await run('curl', ['-sS', '--proxy', mock.url, '--cacert', ca, '-d', '{"UserID":"curl-proxy"}', url], { env });
  t.match(JSON.parse(viaProxy.stdout), { ErrorCode: 0 }, 'through the proxy');
  const port = mock.httpsPort as number;
  const resolved = await run(
    'curl',
    ['-sS', '--resolve', `console.tim.qq.com:${port}:127.0.0.1`, '--cacert', ca, '-d', '{"UserID":"curl-resolve"}', url.replace('console.tim.qq.com', `console.tim.qq.com:${port}`)],
    { env },
  );
  t.match(JSON.parse(resolved.stdout), { ErrorCode: 0 }, 'to the HTTPS port');
  const untrusted = await run('curl', ['-sS', '--proxy', mock.url, '-d', '{}', url], { env }).catch((e: { code: number }) => e);
  t.match(untrusted, { code: 60 }, 'without --cacert: curl error 60 (certificate)');
  t.same(mock.accounts().map((a) => a.identifier).sort(), ['curl-proxy', 'curl-resolve']);
});
