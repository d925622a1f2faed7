import { webcrypto } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type * as X509 from '@peculiar/x509';
import type * as Asn1X509 from '@peculiar/asn1-x509';
import type * as Asn1Schema from '@peculiar/asn1-schema';

/**
 * Certificate making with @peculiar/x509: typed, maintained, ECDSA P-256 over Node's own
 * WebCrypto (no native code, keys in milliseconds), and it writes any extension, RFC 5280
 * nameConstraints included, through its ASN.1 schemas. Loaded only when a certificate must be
 * made or a saved CA checked: importing it is slow, and a start without TLS never pays for it.
 */
interface Libraries {
  x509: typeof X509;
  asn1: typeof Asn1X509;
  schema: typeof Asn1Schema;
}

async function libraries(): Promise<Libraries> {
  // @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API.
  await import('reflect-metadata');
  const [x509, asn1, schema] = await Promise.all([import('@peculiar/x509'), import('@peculiar/asn1-x509'), import('@peculiar/asn1-schema')]);
  x509.cryptoProvider.set(crypto);
  return { x509, asn1, schema };
}

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
/** The CA outlives many CI caches; the leaf is made again whenever it is near its end. */
const CA_DAYS = 3650;
const LEAF_DAYS = 825;

export const CA_SUBJECT = 'CN=tim-account-mock test CA (never trust it outside tests), O=tim-account-mock';

const serial = (): string => Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');

const pem = (label: string, der: ArrayBuffer): string =>
  `-----BEGIN ${label}-----\n${(Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;

const derOf = (text: string): Buffer => Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');

/** The subtrees a CA made for these names permits: each DNS name (and its subdomains), loopback, each extra IP. */
function permittedSubtrees(lib: Libraries, names: readonly string[]): Asn1X509.GeneralSubtrees {
  const { GeneralName, GeneralSubtree, GeneralSubtrees } = lib.asn1;
  const subtree = (base: Asn1X509.GeneralName) => new GeneralSubtree({ base });
  // asn1-x509 writes an iPAddress given as CIDR text as the address and its mask (RFC 5280 4.2.1.10).
  const ip = (address: string, prefix: number) => subtree(new GeneralName({ iPAddress: `${address}/${prefix}` }));
  const dns = names.filter((n) => isIP(n) === 0).map((n) => subtree(new GeneralName({ dNSName: n })));
  const ips = names
    .filter((n) => isIP(n) !== 0 && n !== '127.0.0.1' && n !== '::1')
    .map((n) => ip(n, isIP(n) === 4 ? 32 : 128));
  return new GeneralSubtrees([...dns, ip('127.0.0.0', 8), ip('::1', 128), ...ips]);
}

/** A CA key pair and certificate, as PEM. */
export interface PemPair {
  cert: string;
  key: string;
}

async function exportKey(key: webcrypto.CryptoKey): Promise<string> {
  return pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', key));
}

/** A new name-constrained CA (ECDSA P-256) that may vouch only for `names` and loopback. */
export async function makeCa(names: readonly string[]): Promise<PemPair> {
  const lib = await libraries();
  const { x509 } = lib;
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const constraints = new lib.asn1.NameConstraints({ permittedSubtrees: permittedSubtrees(lib, names) });
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: CA_SUBJECT,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + CA_DAYS * DAY_MS),
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      // RFC 5280 4.2.1.10: conforming CAs mark nameConstraints critical.
      new x509.Extension(lib.asn1.id_ce_nameConstraints, true, lib.schema.AsnConvert.serialize(constraints)),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
}

/** Whether a permitted subtree covers a name: a DNS name equal to it or a parent domain; an IP range holding it. */
function covers(subtree: Asn1X509.GeneralSubtree, name: string): boolean {
  const { dNSName, iPAddress } = subtree.base;
  const family = isIP(name);
  if (family === 0) return dNSName !== undefined && (name === dNSName.toLowerCase() || name.endsWith(`.${dNSName.toLowerCase()}`));
  const [address = '', prefix = ''] = iPAddress?.split('/') ?? [];
  if (isIP(address) !== family) return false;
  const range = new BlockList();
  range.addSubnet(address, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
  return range.check(name, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The names of `names` a saved CA may not vouch for (its nameConstraints do not permit them).
 * A CA without nameConstraints was not made by the emulator: it is taken as the user's choice.
 */
export async function uncoveredNames(caPem: string, names: readonly string[]): Promise<string[]> {
  const lib = await libraries();
  const ca = new lib.x509.X509Certificate(caPem);
  const extension = ca.getExtension(lib.asn1.id_ce_nameConstraints);
  if (extension === null) return [];
  const permitted = lib.schema.AsnConvert.parse(extension.value, lib.asn1.NameConstraints).permittedSubtrees ?? [];
  return names.filter((name) => !permitted.some((subtree) => covers(subtree, name)));
}

/** A leaf certificate for every one of `names` (subjectAltName), signed by the CA. */
export async function makeLeaf(ca: PemPair, names: readonly string[]): Promise<PemPair> {
  const lib = await libraries();
  const { x509 } = lib;
  const caCert = new x509.X509Certificate(ca.cert);
  const caKey = await webcrypto.subtle.importKey('pkcs8', derOf(ca.key), EC, false, ['sign']);
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${names[0] ?? 'localhost'}`,
    issuer: caCert.subject,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(Math.min(now + LEAF_DAYS * DAY_MS, caCert.notAfter.getTime())),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.SubjectAlternativeNameExtension(names.map((n) => ({ type: isIP(n) === 0 ? ('dns' as const) : ('ip' as const), value: n })), false),
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      await x509.AuthorityKeyIdentifierExtension.create(caCert, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
}
