import type { FastifyBaseLogger } from 'fastify';
import type { AccountStore } from '../model/accounts/store.js';
import type { FriendStore } from '../model/friends.js';
import type { GroupStore } from '../model/groups.js';
import type { ControllableClock } from '../model/clock.js';
import type { MessageStore } from '../model/messages.js';
import type { OnlineStore } from '../model/online.js';
import type { ProfileStore } from '../model/profiles.js';
import type { MockOptions } from '../config/options.js';
import type { FaultRegistry } from './faults/registry.js';
import type { Journal } from './journal/journal.js';
import type { Reach } from '../transport/reach.js';
import type { AppRegistry } from '../model/apps.js';
import type { VendorErrorEntry } from '../tim/errors.js';
import type { RateLimiter } from './rate-limit.js';
import type { StubRegistry } from './stubs/registry.js';
import type { CallbackSender } from './callbacks/sender.js';

/** What the control plane knows of a vendor command: its name, path, default rate limit and codes. */
export interface CommandInfo {
  command: string;
  path: string;
  /** The section of the vendor's API. */
  section: string;
  /** Emulated by its own rules, or answered by a validated stub. */
  served: 'emulated' | 'stub';
  defaultRateLimit: number | undefined;
  /** Every code the command answers besides 0: its envelope codes, then its own. */
  codes: readonly VendorErrorEntry[];
}

/**
 * The emulator's state and collaborators, shared by the vendor routes and the control plane
 * through the one `app.mock` decorator. Its own file, so that a service or a plugin can name
 * it without importing the app that builds it.
 */
export interface MockServices {
  options: MockOptions;
  clock: ControllableClock;
  store: AccountStore;
  /** Profile fields besides Nick and Image, one-to-one messages, and which accounts are logged in. */
  profiles: ProfileStore;
  messages: MessageStore;
  online: OnlineStore;
  /** Groups and members (group_open_http_svc). */
  groups: GroupStore;
  /** Friends and black lists (sns). */
  friends: FriendStore;
  apps: AppRegistry;
  limiter: RateLimiter;
  faults: FaultRegistry;
  journal: Journal;
  /** User stubs: replies the user gives for a command, in place of the emulator's. */
  stubs: StubRegistry;
  /** Third-party callbacks to the apps' backends, and their journal. */
  callbacks: CallbackSender;
  /** The vendor commands served, for the control plane (the catalogue, the apps' rate limits). */
  commands: readonly CommandInfo[];
  /** HTTPS, proxy mode and in-process interception: how clients reach the emulator as the vendor. */
  reach: Reach;
  /** Warnings and errors go here at every level. */
  log: FastifyBaseLogger;
}

declare module 'fastify' {
  interface FastifyInstance {
    mock: MockServices;
  }
}
