import { networkInterfaces } from 'node:os';
import { ConfigError } from '../shared/mock-errors.js';

const urlHost = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/**
 * Where a server bound to `host` listens, and the URLs a user can reach it at: for 0.0.0.0 (or
 * ::, every interface) this machine's loopback and network addresses, since 0.0.0.0 is not an
 * address anyone can call.
 */
export function listenAddresses(host: string, port: number): { address: string; urls: string[] } {
  const address = `http://${urlHost(host)}:${port}`;
  if (host !== '0.0.0.0' && host !== '::') return { address, urls: [address] };
  const families = host === '::' ? ['IPv4', 'IPv6'] : ['IPv4'];
  const external = Object.values(networkInterfaces())
    .flatMap((infos) => infos ?? [])
    .filter((info) => !info.internal && families.includes(info.family) && !info.address.startsWith('fe80:'))
    .map((info) => `http://${urlHost(info.address)}:${port}`);
  return { address, urls: [`http://127.0.0.1:${port}`, ...external] };
}

/**
 * A listen failure as one line naming the setting at fault, as the other start errors are;
 * undefined for an error that is not about the address.
 */
export function listenError(error: unknown, host: string, port: number): ConfigError | undefined {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return new ConfigError(`port ${port} is already in use`);
    case 'EACCES':
      return new ConfigError(`port ${port} needs privileges this user does not have (use 1024 or above)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new ConfigError(`HOST ${host} does not resolve to an address`);
    case 'EADDRNOTAVAIL':
      return new ConfigError(`HOST ${host} is not an address of this machine`);
    default:
      return undefined;
  }
}
