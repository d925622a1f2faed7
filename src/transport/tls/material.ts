import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { ConfigError } from '../../shared/mock-errors.js';

/** What the HTTPS listener and the proxy's tunnels present. */
export interface TlsMaterial {
  /** The leaf certificate (PEM). */
  cert: string;
  /** Its private key (PEM): handed to Node's TLS and to nothing else. */
  key: string;
  /** The emulator's CA certificate (PEM); undefined with TIM_TLS_CERT, whose issuer is the user's. */
  ca: string | undefined;
  /** Where the CA came from, for the start-up log. */
  origin: 'files' | 'saved' | 'generated';
}

export interface TlsSettings {
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  tlsDir: string | undefined;
  /** Every name the leaf must hold. */
  names: readonly string[];
}

const readPem = (file: string, setting: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${setting} ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
};

/** A key file only its owner may read; created, never overwritten in place (its mode would stay). */
function writeSecret(file: string, text: string): void {
  if (existsSync(file)) unlinkSync(file);
  writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
}

/**
 * Why TIM_TLS_DIR cannot hold the TLS files, or undefined when it can (or does not exist yet,
 * and will be made): a regular file, or a path under one.
 */
export function tlsDirProblem(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : `TIM_TLS_DIR ${dir} is not a directory`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : `TIM_TLS_DIR ${dir} cannot be used: ${code ?? 'error'}`;
  }
}

/** Writes into TIM_TLS_DIR; a folder that cannot be made or written stops the start with one line naming it. */
function saveInto(dir: string, write: () => void): void {
  try {
    mkdirSync(dir, { recursive: true });
    write();
  } catch (error) {
    throw new ConfigError(`TIM_TLS_DIR ${dir} cannot be written: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

const files = (dir: string) => ({
  ca: join(dir, 'ca.pem'),
  caKey: join(dir, 'ca-key.pem'),
  leaf: join(dir, 'leaf.pem'),
  leafKey: join(dir, 'leaf-key.pem'),
});

/**
 * The saved leaf when it still serves: issued by the saved CA, valid for a day more, holding
 * every asked name, with its key. This check uses Node's own X509Certificate only, so that a
 * start with a saved CA does not load the certificate library.
 */
function savedLeaf(dir: string, names: readonly string[]): TlsMaterial | undefined {
  const f = files(dir);
  if (![f.ca, f.caKey, f.leaf, f.leafKey].every((file) => existsSync(file))) return undefined;
  try {
    const caPem = readFileSync(f.ca, 'utf8');
    const leafPem = readFileSync(f.leaf, 'utf8');
    const key = readFileSync(f.leafKey, 'utf8');
    const ca = new X509Certificate(caPem);
    // A CA key that is not ca.pem's would make the next leaf unsigned: found now, not then.
    if (!ca.checkPrivateKey(createPrivateKey(readFileSync(f.caKey, 'utf8')))) return undefined;
    const leaf = new X509Certificate(leafPem);
    const fresh = Date.parse(leaf.validTo) > Date.now() + 86_400_000;
    const holdsAll = names.every((name) => (isIP(name) === 0 ? leaf.checkHost(name, { subject: 'never' }) : leaf.checkIP(name)) !== undefined);
    const signed = leaf.checkIssued(ca) && leaf.verify(ca.publicKey) && leaf.checkPrivateKey(createPrivateKey(key));
    if (fresh && holdsAll && signed) {
      return { cert: leafPem, key, ca: caPem, origin: 'saved' };
    }
  } catch {
    // An unreadable or damaged leaf is made again below.
  }
  return undefined;
}

/**
 * The certificate and key the emulator presents: TIM_TLS_CERT + TIM_TLS_KEY when given;
 * otherwise a leaf signed by the emulator's CA, which is loaded from TIM_TLS_DIR or made (and
 * saved there when TIM_TLS_DIR is set). A saved CA whose name constraints do not cover an
 * asked name stops the start.
 */
export async function loadTlsMaterial(settings: TlsSettings): Promise<TlsMaterial> {
  const { tlsCert, tlsKey, tlsDir, names } = settings;
  if (tlsCert !== undefined && tlsKey !== undefined) {
    const cert = readPem(tlsCert, 'TIM_TLS_CERT');
    const key = readPem(tlsKey, 'TIM_TLS_KEY');
    try {
      if (!new X509Certificate(cert).checkPrivateKey(createPrivateKey(key))) throw new Error('mismatch');
    } catch {
      throw new ConfigError('TIM_TLS_CERT and TIM_TLS_KEY must be a PEM certificate and its own private key');
    }
    return { cert, key, ca: undefined, origin: 'files' };
  }
  const problem = tlsDir === undefined ? undefined : tlsDirProblem(tlsDir);
  if (problem !== undefined) throw new ConfigError(problem);
  const saved = tlsDir === undefined ? undefined : savedLeaf(tlsDir, names);
  if (saved !== undefined) return saved;

  const { makeCa, makeLeaf, uncoveredNames } = await import('./generate.js');
  const f = tlsDir === undefined ? undefined : files(tlsDir);
  let ca;
  let origin: TlsMaterial['origin'] = 'generated';
  if (f !== undefined && (existsSync(f.ca) || existsSync(f.caKey))) {
    if (!existsSync(f.ca) || !existsSync(f.caKey)) {
      throw new ConfigError(`TIM_TLS_DIR ${tlsDir} holds only one of ca.pem and ca-key.pem; remove it to make a new CA, or restore the other`);
    }
    ca = { cert: readPem(f.ca, 'TIM_TLS_DIR'), key: readPem(f.caKey, 'TIM_TLS_DIR') };
    let missing: string[];
    try {
      missing = await uncoveredNames(ca.cert, names);
    } catch {
      throw new ConfigError(`TIM_TLS_DIR ${tlsDir}: ca.pem is not a PEM certificate`);
    }
    if (missing.length > 0) {
      throw new ConfigError(
        `the CA saved in ${tlsDir} was made for other names and may not vouch for ${missing.join(', ')} (TIM_TLS_HOSTS); ` +
          `delete ${f.ca} and ${f.caKey} to make a new CA on the next start, then have your clients trust the new ca.pem`,
      );
    }
    origin = 'saved';
  } else {
    const made = await makeCa(names);
    ca = made;
    if (f !== undefined) {
      saveInto(tlsDir as string, () => {
        writeSecret(f.caKey, made.key);
        writeFileSync(f.ca, made.cert);
      });
    }
  }
  let leaf;
  try {
    leaf = await makeLeaf(ca, names);
    if (!new X509Certificate(leaf.cert).verify(new X509Certificate(ca.cert).publicKey)) throw new Error('mismatch');
  } catch {
    throw new ConfigError(`TIM_TLS_DIR ${tlsDir}: ca-key.pem is not the PEM (PKCS#8) ECDSA P-256 key of ca.pem`);
  }
  if (f !== undefined) {
    saveInto(tlsDir as string, () => {
      writeSecret(f.leafKey, leaf.key);
      writeFileSync(f.leaf, leaf.cert);
    });
  }
  return { cert: leaf.cert, key: leaf.key, ca: ca.cert, origin };
}
