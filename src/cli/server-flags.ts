/**
 * The flags the running server was started with, read from its command line (a container's
 * /proc/1/cmdline: NUL-separated arguments), so that the health check follows a `--port` or
 * `--host` given to the image's ENTRYPOINT as it follows PORT and HOST. Empty when the command
 * is not the CLI's server (another process, or the usersig subcommand).
 */
export function serverFlags(cmdline: string): string[] {
  const argv = cmdline.split('\0').filter((arg) => arg !== '');
  const at = argv.findIndex((arg) => /(^|\/)(dist\/cli\.js|tim-account-mock)$/.test(arg));
  const flags = at === -1 ? [] : argv.slice(at + 1);
  return flags[0] === 'usersig' ? [] : flags;
}
