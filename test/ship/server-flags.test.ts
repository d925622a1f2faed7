import t from 'tap';
import { serverFlags } from '../../src/cli/server-flags.js';

const cmdline = (...argv: string[]) => `${argv.join('\0')}\0`;

t.test("the health check finds the flags given to the image's entrypoint", async (t) => {
  t.same(serverFlags(cmdline('node', 'dist/cli.js', '--port', '9000')), ['--port', '9000']);
  t.same(serverFlags(cmdline('/sbin/docker-init', '--', 'node', '/app/dist/cli.js', '--host', '::')), ['--host', '::'], 'under docker run --init');
  t.same(serverFlags(cmdline('node', '/usr/lib/node_modules/.bin/tim-account-mock', '--port', '1')), ['--port', '1']);
  t.same(serverFlags(cmdline('node', 'dist/cli.js')), []);
  t.same(serverFlags(cmdline('node', 'dist/cli.js', 'usersig', '--sdkappid', '1')), [], 'not a server');
  t.same(serverFlags(cmdline('/sbin/init')), [], 'another first process');
  t.same(serverFlags(''), []);
});
