import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { reclaimMemory } from '../model/accounts/reclaim.js';
import { AccountStore } from '../model/accounts/store.js';
import { ControllableClock } from '../model/clock.js';
import { MessageStore } from '../model/messages.js';
import { OnlineStore } from '../model/online.js';
import { ProfileStore } from '../model/profiles.js';
import type { MockOptions } from '../config/options.js';
import { FriendStore } from '../model/friends.js';
import { GroupStore } from '../model/groups.js';
import { FaultRegistry } from './faults/registry.js';
import { Journal } from './journal/journal.js';
import { Reach } from '../transport/reach.js';
import { AppRegistry, ON_THE_FLY_APPS_MAX } from '../model/apps.js';
import { UserSigVerifier } from '../tim/usersig.js';
import { RateLimiter } from './rate-limit.js';
import { StubRegistry } from './stubs/registry.js';
import { CallbackSender } from './callbacks/sender.js';
import type { CommandInfo, MockServices } from './mock-services.js';

/**
 * What the services are made from: the app (whose router the HTTPS port and interception answer
 * through; its logger is the services' one), the options and the vendor commands served (the
 * paths a fault may name).
 */
export interface ServicesOptions {
  app: FastifyInstance;
  options: MockOptions;
  commands: readonly CommandInfo[];
}

/** Every service, each given what it reads: its dependencies are its constructor's arguments. */
export function createMockServices({ app, options, commands }: ServicesOptions): MockServices {
  const clock = options.clock ?? new ControllableClock();
  const profiles = new ProfileStore();
  const friends = new FriendStore(clock);
  // friend_add asks the peer's Tag_Profile_IM_AllowType, which portrait_set keeps.
  friends.useAllowTypes({
    allowType: (sdkappid, account) => {
      const value = profiles.get(sdkappid, account)?.get('Tag_Profile_IM_AllowType');
      return typeof value === 'string' ? value : undefined;
    },
  });
  return {
    options,
    clock,
    store: new AccountStore(clock, options.reclaimMemory ? reclaimMemory : undefined),
    groups: new GroupStore(clock),
    friends,
    profiles,
    messages: new MessageStore(),
    online: new OnlineStore(),
    apps: new AppRegistry(
      options,
      (sdkappid, secretKey) => new UserSigVerifier(sdkappid, secretKey),
      () =>
        app.log.warn(
          `zero-config mode holds ${ON_THE_FLY_APPS_MAX} apps made on the fly: calls to another sdkappid are answered as an unknown app ` +
            '(70411 / 60006) until POST /__mock/reset',
        ),
    ),
    limiter: new RateLimiter(clock),
    faults: new FaultRegistry(new Set(commands.map((c) => c.path))),
    journal: new Journal(options.journalSize, clock),
    stubs: new StubRegistry(new Set(commands.map((c) => c.path))),
    callbacks: new CallbackSender(clock, options.callbackTimeoutMs),
    commands,
    reach: new Reach(app, options, app.log),
    log: app.log,
  };
}

/**
 * The services' part in the app's life, and the name ('mock-services') the plugins that use
 * `app.mock` declare among their dependencies. `buildApp` decorates `app.mock` itself, when the
 * app is built rather than when it boots: `mockControls(buildApp())` and a test reading
 * `app.mock` before its first call need the services at once.
 */
export const servicesPlugin = fp(
  (app: FastifyInstance, _opts: unknown, done: (err?: Error) => void) => {
    const { faults, reach, callbacks } = app.mock;
    // A pending fault delay must not hold up close(); nor may an open proxy tunnel or a test waiting for a callback.
    app.addHook('preClose', (hookDone) => {
      faults.close();
      callbacks.close();
      reach.beginClose();
      hookDone();
    });
    app.addHook('onClose', (_instance, hookDone) => {
      reach.endClose();
      hookDone();
    });
    done();
  },
  { name: 'mock-services', fastify: '5.x', decorators: { fastify: ['mock'] } },
);
