import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './child.js';

export const run = promisify(execFile);

/**
 * The environment of a user's shell: this suite's own tap settings (TAP_*, and the loader tap puts
 * in NODE_OPTIONS) left out, so that a fresh project's tap runs as it would for the user.
 */
export const userEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^_?TAP/i.test(name) && name !== 'NODE_OPTIONS'),
);

/** npm without the update check, the audit or the funding notice: quiet, offline-first. */
export const npmEnv: NodeJS.ProcessEnv = {
  ...userEnv,
  npm_config_update_notifier: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_prefer_offline: 'true',
  npm_config_loglevel: 'error',
};

export const npm = (args: string[], cwd: string, timeout = 600_000) => run('npm', args, { cwd, env: npmEnv, timeout, maxBuffer: 64 * 1024 * 1024 });

/** The working tree's files as git sees them (tracked and new, ignored ones left out), without dist/ or node_modules/. */
async function workingTreeFiles(): Promise<string[]> {
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return [...new Set(stdout.split('\0'))].filter((file) => file !== '' && existsSync(join(ROOT, file)));
}

/** Copies the working tree's files into `dir`. */
async function copyWorkingTree(dir: string): Promise<void> {
  for (const file of await workingTreeFiles()) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await cp(join(ROOT, file), join(dir, file));
  }
}

/**
 * `npm pack` of the working tree, as a user's `npm pack` of a checkout makes it: packing runs
 * `prepare`, which builds dist/. The pack runs in a copy, with this checkout's node_modules
 * linked in, so that its build does not touch this checkout's dist/. Resolves with the
 * tarball's path and the files npm put in it.
 */
export async function packWorkingTree(scratch: string): Promise<{ tarball: string; files: string[] }> {
  const project = join(scratch, 'pack-source');
  await mkdir(project, { recursive: true });
  await copyWorkingTree(project);
  await symlink(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  const { stdout } = await npm(['pack', '--json', '--pack-destination', scratch], project);
  const [{ filename, files }] = JSON.parse(stdout) as [{ filename: string; files: Array<{ path: string }> }];
  return { tarball: join(scratch, filename), files: files.map((f) => f.path) };
}

/**
 * A git repository holding the working tree in one commit, for a `git+file://` dependency:
 * what a clone of the pushed branch would hold, uncommitted edits included.
 */
export async function gitRepositoryOfWorkingTree(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await copyWorkingTree(dir);
  const git = (args: string[]) => run('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: dir });
  await git(['init', '--quiet']);
  await git(['add', '--all']);
  await git(['commit', '--quiet', '--no-verify', '--message', 'working tree']);
  return `git+file://${dir}`;
}

/** A fresh `npm init -y` project in `dir`. */
export async function freshProject(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await npm(['init', '-y'], dir);
  return dir;
}

/** Whether the npm registry answers (`npm ping`): tests that install from it skip when it does not. */
export async function registryReachable(): Promise<boolean> {
  try {
    await run('npm', ['ping'], { env: npmEnv, timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}
