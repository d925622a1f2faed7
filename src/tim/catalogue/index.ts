import type { VendorCommand } from '../command.js';
import type { CatalogueEntry } from './entry.js';
import { generated } from './generated.js';
import { supplement } from './supplement.js';
import { stubCommand, type StubSettings } from './stub-command.js';

/** Old paths public clients still call, with the documented command that answers them. */
export const ALIASES: readonly { service: string; command: string; of: string }[] = [
  { service: 'openim', command: 'querystate', of: '/v4/openim/query_online_status' },
];

/** Every documented command: the description's, then those only the vendor's current pages document. */
export const catalogue: readonly CatalogueEntry[] = [...generated, ...supplement];

const pathOf = (c: { service: string; command: string }): string => `/v4/${c.service}/${c.command}`;

/**
 * The commands the emulator routes: the emulated ones (src/tim/v4/index.ts), then every other
 * documented command as a validated stub, then the aliases. An emulated command wins over the
 * stub of its path, so that adding one is its file and its line in src/tim/v4/index.ts.
 */
export function servedCommands(
  emulated: readonly VendorCommand<any, any>[],
  settings: StubSettings,
): VendorCommand<any, any>[] {
  const sections = new Map(catalogue.map((e) => [pathOf(e), e.section]));
  const own = emulated.map((c) => ({ ...c, served: 'emulated' as const, section: c.section ?? sections.get(pathOf(c)) ?? 'account' }));
  const taken = new Set(own.map(pathOf));
  const stubs = catalogue.filter((e) => !taken.has(pathOf(e))).map((e) => stubCommand(e, settings));
  const all = [...own, ...stubs];
  const byPath = new Map(all.map((c) => [pathOf(c), c]));
  // Every alias names a documented command, so its target is always routed.
  const aliases = ALIASES.map(({ service, command, of }) => {
    const target = byPath.get(of) as VendorCommand<any, any>;
    return { ...target, service, command, summary: `${target.summary} (the old name of ${of})` };
  });
  return [...all, ...aliases];
}
