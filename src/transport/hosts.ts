import { isIP } from 'node:net';

/**
 * The vendor's REST API hostnames, one per region and its backup (REST API intro,
 * tencentcloud.com/document/product/1047/34620). Every way of reaching the emulator as the
 * vendor (the HTTPS certificate, the proxy, in-process interception) serves exactly these,
 * plus the names of TIM_TLS_HOSTS.
 */
export const VENDOR_HOSTS: readonly string[] = [
  'console.tim.qq.com',
  'adminapi.my-imcloud.com',
  'adminapisgp.im.qcloud.com',
  'adminapisgp.my-imcloud.com',
  'adminapikr.im.qcloud.com',
  'adminapikr.my-imcloud.com',
  'adminapiger.im.qcloud.com',
  'adminapiger.my-imcloud.com',
  'adminapiind.im.qcloud.com',
  'adminapiind.my-imcloud.com',
  'adminapiusa.im.qcloud.com',
  'adminapiusa.my-imcloud.com',
  'adminapiidn.im.qcloud.com',
  'adminapiidn.my-imcloud.com',
];

/** Names every certificate of the emulator holds besides the vendor's: this machine. */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** A hostname as names compare: lower case, no trailing dot, an IPv6 address without brackets. */
export const normalHost = (name: string): string => {
  const lower = name.trim().toLowerCase().replace(/\.$/, '');
  return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
};

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** True for a DNS name a certificate can hold (letters, digits, hyphens; dot-separated labels). */
export const isHostname = (name: string): boolean => name.length <= 253 && name.split('.').every((label) => LABEL.test(label));

/** Splits `host:port` (`[::1]:443` for IPv6); undefined when either part is missing or bad. */
export function splitAuthority(authority: string): { host: string; port: number } | undefined {
  const match = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(authority);
  if (match === null) return undefined;
  const host = normalHost(match[1] as string);
  const port = Number(match[2]);
  if (port < 1 || port > 65535 || (!isHostname(host) && isIP(host) === 0)) return undefined;
  return { host, port };
}

/**
 * The hosts the emulator answers as the vendor: the vendor's hostnames and the extra names and
 * addresses of TIM_TLS_HOSTS. Anything else is refused by the proxy and passed through by
 * interception.
 */
export class ServedHosts {
  readonly #names: ReadonlySet<string>;
  /** The extra names and addresses, as given (normalized). */
  readonly extra: readonly string[];

  constructor(extra: readonly string[]) {
    this.extra = extra.map(normalHost);
    this.#names = new Set([...VENDOR_HOSTS, ...this.extra]);
  }

  /** Whether a hostname (no port) is one the emulator answers as the vendor. */
  serves(hostname: string): boolean {
    return this.#names.has(normalHost(hostname));
  }

  /** Every name the leaf certificate holds: the vendor's hostnames, this machine and the extra names. */
  get certificateNames(): string[] {
    return [...new Set([...VENDOR_HOSTS, ...LOOPBACK_NAMES, ...this.extra])];
  }
}
