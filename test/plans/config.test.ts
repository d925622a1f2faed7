import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError } from '../../src/shared/mock-errors.js';
import { describeValue } from '../../src/config/table.js';
import { optionsFromProcess, resolveOptions } from '../../src/config/settings.js';
import { buildApp } from '../../src/app.js';

const dir = mkdtempSync(join(tmpdir(), 'tim-plans-'));
const file = (name: string, content: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};
const settingsOf = (options: ReturnType<typeof optionsFromProcess>, sdkappid: number) => buildApp(options).mock.apps.get(sdkappid)?.settings;

t.test('TIM_PLAN / --plan: the TIM_SDKAPPID app and zero-config apps', async (t) => {
  const env = { TIM_SDKAPPID: '1400000001', TIM_SECRET_KEY: 'k' };
  t.match(optionsFromProcess([], { ...env, TIM_PLAN: 'trial' }).apps, [{ sdkappid: 1400000001, plan: 'trial' }]);
  t.match(optionsFromProcess(['--plan', 'pro'], { ...env, TIM_PLAN: 'trial' }).apps, [{ plan: 'pro' }], 'the flag wins');
  t.equal(optionsFromProcess([], env).apps[0]?.plan, undefined, 'no plan by default');
  t.equal(optionsFromProcess([], { TIM_PLAN: 'developer' }).plan, 'developer', 'zero-config apps');
  t.match(settingsOf(optionsFromProcess([], { TIM_PLAN: 'ultimate' }), 5), { plan: 'ultimate', accountLimit: null, deleteEnabled: false, reimportCooldownDays: 90 });
  t.match(settingsOf(optionsFromProcess([], {}), 5), { plan: null, accountLimit: null, deleteEnabled: true, reimportCooldownDays: 0 }, 'no plan: as before');
  for (const bad of ['free', 'Trial', 'pro ']) {
    t.throws(() => optionsFromProcess([], { TIM_PLAN: bad }), new ConfigError(`TIM_PLAN must be one of trial, developer, pro, ultimate; got ${describeValue(bad)}`));
  }
  const config = file('one.json', { apps: [{ sdkappid: 1400000002, secretKey: 'k' }] });
  t.throws(() => optionsFromProcess(['--config', config, '--plan', 'pro'], {}), /TIM_PLAN \(--plan\) applies to the TIM_SDKAPPID app and to zero-config apps/);
  t.match(optionsFromProcess(['--config', config, '--plan', 'pro'], env).apps, [{ sdkappid: 1400000002 }, { sdkappid: 1400000001, plan: 'pro' }]);
});

t.test('TIM_ACCOUNT_LIMIT, TIM_DELETE_ENABLED and TIM_REIMPORT_COOLDOWN_DAYS override the plan for every app', async (t) => {
  const o = optionsFromProcess([], { TIM_PLAN: 'trial', TIM_ACCOUNT_LIMIT: '5', TIM_DELETE_ENABLED: 'false', TIM_REIMPORT_COOLDOWN_DAYS: '3' });
  t.match(settingsOf(o, 7), { plan: 'trial', accountLimit: 5, deleteEnabled: false, reimportCooldownDays: 3 });
  t.match(settingsOf(optionsFromProcess(['--account-limit', 'none', '--plan', 'trial'], {}), 7), { accountLimit: null }, 'none: no cap');
  t.match(settingsOf(optionsFromProcess(['--account-limit', '0'], {}), 7), { accountLimit: 0 });
  t.match(settingsOf(optionsFromProcess(['--delete-enabled', 'true', '--plan', 'pro'], {}), 7), { deleteEnabled: true, reimportCooldownDays: 90 });
  t.match(settingsOf(optionsFromProcess(['--reimport-cooldown-days', '0', '--plan', 'pro'], {}), 7), { reimportCooldownDays: 0 }, 'the old setting still turns the cooldown off');
  for (const [env, message] of [
    [{ TIM_ACCOUNT_LIMIT: '-1' }, /^TIM_ACCOUNT_LIMIT \(or none\) must be a whole number from 0 to 1000000000; got 2 characters/],
    [{ TIM_ACCOUNT_LIMIT: '1000000001' }, /^TIM_ACCOUNT_LIMIT/],
    [{ TIM_ACCOUNT_LIMIT: 'unlimited' }, /^TIM_ACCOUNT_LIMIT/],
    [{ TIM_DELETE_ENABLED: 'yes' }, /^TIM_DELETE_ENABLED must be true or false; got 3 characters/],
    [{ TIM_REIMPORT_COOLDOWN_DAYS: '3651' }, /^TIM_REIMPORT_COOLDOWN_DAYS must be a whole number from 0 to 3650/],
  ] as const) {
    t.throws(() => optionsFromProcess([], env), message, JSON.stringify(env));
  }
});

t.test('the config file sets each app its plan and settings; its own values win over the environment', async (t) => {
  const config = file('plans.json', {
    apps: [
      { sdkappid: 1, secretKey: 'k', plan: 'trial' },
      { sdkappid: 2, secretKey: 'k', plan: 'pro', deleteEnabled: true, reimportCooldownDays: 30 },
      { sdkappid: 3, secretKey: 'k', accountLimit: 10 },
      { sdkappid: 4, secretKey: 'k', plan: null, accountLimit: null },
    ],
  });
  const o = optionsFromProcess(['--config', config], { TIM_ACCOUNT_LIMIT: '50', TIM_DELETE_ENABLED: 'false' });
  t.match(settingsOf(o, 1), { plan: 'trial', accountLimit: 50, deleteEnabled: false, reimportCooldownDays: 0 }, 'the environment over the plan');
  t.match(settingsOf(o, 2), { plan: 'pro', accountLimit: 50, deleteEnabled: true, reimportCooldownDays: 30 }, "the app's own over the environment");
  t.match(settingsOf(o, 3), { plan: null, accountLimit: 10, deleteEnabled: false });
  t.match(settingsOf(o, 4), { plan: null, accountLimit: null }, 'null in the file: no cap, whatever the environment says');

  const bad: [unknown, RegExp][] = [
    [{ sdkappid: 1, secretKey: 'k', plan: 'gold' }, /apps\[0\]\.plan: Expected one of "trial", "developer", "pro", "ultimate", null$/],
    [{ sdkappid: 1, secretKey: 'k', accountLimit: -1 }, /apps\[0\]\.accountLimit: /],
    [{ sdkappid: 1, secretKey: 'k', deleteEnabled: 'no' }, /apps\[0\]\.deleteEnabled: Expected boolean$/],
    [{ sdkappid: 1, secretKey: 'k', reimportCooldownDays: 1.5 }, /apps\[0\]\.reimportCooldownDays: /],
  ];
  for (const [i, [app, message]] of bad.entries()) {
    const path = file(`bad-plan${i}.json`, { apps: [app] });
    t.throws(() => optionsFromProcess(['--config', path], {}), message);
  }
});

t.test('in-process options are checked the same way', async (t) => {
  t.throws(() => resolveOptions({ accountLimit: -1 }), /^accountLimit: must be a whole number from 0 to 1000000000/);
  t.throws(() => resolveOptions({ plan: 'gold' as never }), /^plan: must be one of/);
  t.throws(() => resolveOptions({ plan: null as never }), /^plan: zero-config apps take a plan name/);
  t.throws(() => resolveOptions({ apps: [{ sdkappid: 3, admin: 'a', secretKey: 'k', deleteEnabled: 'yes' as never }] }), /^app 3: deleteEnabled: must be true or false/);
  t.match(resolveOptions({ plan: 'pro', accountLimit: null, apps: [{ sdkappid: 3, admin: 'a', secretKey: 'k', plan: null }] }), { plan: 'pro', accountLimit: null });
});
