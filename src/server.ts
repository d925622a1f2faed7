import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Account } from './accounts/account.js';
import { buildApp } from './app.js';
import type { ControllableClock } from './clock.js';
import type { MockOptions } from './config.js';
import { faultablePaths } from './control/faults.js';
import { resetMock } from './control/reset.js';
import { AccountView } from './control/schemas.js';
import type { FaultView } from './faults/registry.js';
import { parseFaultSpec, type FaultSpec } from './faults/spec.js';
import type { JournalEntry, JournalFilter } from './journal/journal.js';
import { reachableHost } from './url.js';

/** The control plane as functions, for a test suite that runs the emulator in its own process. */
export interface MockControls {
  /** Empties accounts, faults, the journal and the rate-limit buckets, and returns the clock to real time. */
  reset(): void;
  /** The accounts, as GET /__mock/accounts lists them (never a password or its hash). */
  accounts(sdkappid?: number): AccountView[];
  /** The request journal, as GET /__mock/requests lists it: oldest first, secrets redacted. */
  requests(filter?: JournalFilter): JournalEntry[];
  /** Arms a fault, as POST /__mock/faults does; returns its id. Throws a FaultSpecError naming a bad field. */
  addFault(spec: FaultSpec): string;
  /** The armed faults with how often each fired. */
  faults(): FaultView[];
  /** Disarms one fault; false when there is no such fault. */
  removeFault(id: string): boolean;
  /** The emulator's clock, in milliseconds: `set(ms)`, `advance(ms)` freeze it; `useRealTime()` lets it run. */
  clock: ControllableClock;
}

/** A running emulator, as `startMockServer` gives it to a test suite. */
export interface MockServer extends MockControls {
  app: FastifyInstance;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The listing schema is the one allow-list of account fields (the password hash is not on it). */
const VIEW_FIELDS = Object.keys(AccountView.properties) as Array<keyof AccountView>;

/**
 * An account as GET /__mock/accounts shows it; its fields are plain values, so the copy is
 * detached. Picked here rather than with TypeBox's Value.Clean: importing @sinclair/typebox/value
 * cost every process start about 30 ms.
 */
const viewOf = (account: Account): AccountView =>
  Object.fromEntries(VIEW_FIELDS.filter((field) => field in account).map((field) => [field, account[field]])) as AccountView;

/** The control plane of an app made by `buildApp`, without going through HTTP. */
export function mockControls(app: FastifyInstance): MockControls {
  const { store, faults, journal, clock } = app.mock;
  return {
    reset: () => resetMock(app.mock),
    accounts: (sdkappid) => store.list(sdkappid).map(viewOf),
    requests: (filter) => journal.list(filter),
    addFault: (spec) => faults.arm(parseFaultSpec(spec, faultablePaths)).id,
    faults: () => faults.list(),
    removeFault: (id) => faults.remove(id),
    clock,
  };
}

/** Builds the emulator and listens; port 0 (the in-process default) picks a free port. */
export async function startMockServer(options: Partial<MockOptions> = {}): Promise<MockServer> {
  const app = buildApp({ port: 0, ...options });
  const { host, port } = app.mock.options;
  await app.listen({ host, port });
  const actual = (app.server.address() as AddressInfo).port;
  return {
    ...mockControls(app),
    app,
    url: `http://${reachableHost(host)}:${actual}`,
    port: actual,
    close: () => app.close(),
  };
}
