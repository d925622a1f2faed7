import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseJsonFile } from '../../shared/json-file.js';
import { isRecord } from '../../shared/is-record.js';
import { ConfigError, StubError } from '../../shared/mock-errors.js';
import type { StubRegistry } from './registry.js';

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(dir, name)).isFile());
}

/**
 * Loads the stubs of a folder laid out as test suites already keep recorded replies:
 * `<vendor host>/v4/<service>/<command>.json`, each holding a vendor reply, or a stub
 * (`{ "reply": ..., "match": ..., "times": ..., "delayMs": ... }`). Anything else in the folder,
 * a file that is not JSON or a reply that is not vendor-shaped stops the start, naming the file.
 */
export function loadStubFiles(dir: string, hosts: readonly string[], stubs: StubRegistry): number {
  let names: string[];
  try {
    names = filesUnder(dir);
  } catch (error) {
    throw new ConfigError(`stubs folder ${dir} cannot be read: ${(error as Error).message}`);
  }
  for (const name of names.sort()) {
    const file = join(dir, name);
    const [host, v4, service, command, ...rest] = relative(dir, file).split(sep);
    if (host === undefined || !hosts.includes(host.toLowerCase()) || v4 !== 'v4' || rest.length > 0 || !command?.endsWith('.json')) {
      throw new ConfigError(`stub file ${file} is not laid out as <vendor host>/v4/<service>/<command>.json (hosts: ${hosts.join(', ')})`);
    }
    const doc = parseJsonFile(readFileSync(file), `stub file ${file}`);
    const path = `/v4/${service}/${command.slice(0, -'.json'.length)}`;
    const spec = isRecord(doc) && !('ActionStatus' in doc) && 'reply' in doc ? { ...doc, path } : { path, reply: doc };
    try {
      stubs.add(spec, 'file');
    } catch (error) {
      if (!(error instanceof StubError)) throw error;
      throw new ConfigError(`stub file ${file}: ${error.message}`);
    }
  }
  return names.length;
}
