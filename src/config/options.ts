import type { DestinationStream } from 'pino';
import type { DeclaredApp } from '../model/apps.js';
import type { ControllableClock } from '../model/clock.js';
import type { Plan } from '../model/plans.js';
import type { LogFormat } from './table.js';

/** An app the emulator serves in declared mode; the model defines its shape. */
export type AppConfig = DeclaredApp;

/** Everything the emulator can be told; the CLI, the environment and `buildApp` share it. */
export interface MockOptions {
  host: string;
  port: number;
  /** Declared apps; empty means zero-config mode (any numeric sdkappid, any non-empty usersig). */
  apps: AppConfig[];
  /** The admin identifier of zero-config apps. */
  admin: string;
  /** Calls per second per app for the two seed endpoints; 0 turns limiting off. */
  rateLimit: number;
  /** Calls per second per command name for every app, over the commands' own defaults. */
  rateLimits: Record<string, number>;
  logLevel: string;
  /** JSON lines (pino's own), or human-readable lines through pino-pretty. */
  logFormat: LogFormat;
  /** pino: true logs at `logLevel`, false is silent. The CLI logs; in-process use does not. */
  logger: boolean;
  /** Where log lines go instead of stdout (a test capturing them); logs even when `logger` is false. */
  logStream: DestinationStream | undefined;
  /**
   * CLI: bytes of log lines held for a stdout pipe that is not read fast enough; lines past it
   * are dropped and counted.
   */
  logBuffer: number;
  /**
   * A full garbage collection after a bulk removal of accounts, so that a long-lived process
   * returns the memory. The CLI does; in-process use does not (it would collect the host's heap).
   */
  reclaimMemory: boolean;
  fixtures: string | undefined;
  journalSize: number;
  mockToken: string | undefined;
  stateFile: string | undefined;
  /** Seconds between periodic state saves; 0 saves on shutdown only. */
  saveInterval: number;
  /** The plan of zero-config apps (the CLI also gives it to the TIM_SDKAPPID app). */
  plan: Plan | undefined;
  /**
   * The plan settings for every app, over its plan's defaults (an app's own AppConfig values
   * win); undefined leaves the plan's default. accountLimit null: no cap.
   */
  accountLimit: number | null | undefined;
  deleteEnabled: boolean | undefined;
  /** Days a deleted account may not be imported again (vendor 70399 on paid plans); 0 = off. */
  reimportCooldownDays: number | undefined;
  /** Largest request body in bytes; larger ones are refused without being read whole. */
  bodyLimit: number;
  /** Largest PUT /__mock/state body in bytes; one body over `bodyLimit` is read at a time. */
  stateBodyLimit: number;
  /** Milliseconds a client has to send a whole request, headers and body (slow clients get 60008). */
  requestTimeout: number;
  /** The clock the emulator reads (tests pass their own). */
  clock: ControllableClock | undefined;
  /** Port of the HTTPS listener (0 picks a free one); undefined: no HTTPS listener. */
  httpsPort: number | undefined;
  /** A PEM certificate and its key to serve TLS with, instead of a leaf signed by the emulator's CA. */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  /** Where the emulator's CA (ca.pem, ca-key.pem) and its leaf are loaded from, or saved to when made. */
  tlsDir: string | undefined;
  /** Names and addresses served as the vendor besides its own hostnames (a compose service name). */
  tlsHosts: string[];
  /** In-process use: answer this process's requests to the vendor's hostnames (startMockServer only). */
  intercept: boolean;
  /** How a documented command the emulator does not emulate answers: a validated stub, or a FAIL naming it. */
  unemulated: 'stub' | 'refuse';
  /** Ms a before-callback may take before the event goes ahead (the vendor's 2 s), unless an app sets its own. */
  callbackTimeoutMs: number;
  /** A folder of user stubs laid out as `<vendor host>/v4/<service>/<command>.json`, loaded at start. */
  stubsDir: string | undefined;
}
