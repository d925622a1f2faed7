/**
 * `npm test`: the gates (`npm run check`: tsc, ESLint, the import rules) and the tap suite at
 * once. The gates keep one core busy for about 40 s, so run first they left the other core
 * idle; beside the suite they cost little wall time. See test/ts/beside.mjs for what is printed
 * and when the suite is stopped.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exited, gatesBesideSuite } from './ts/beside.mjs';

// tap must be rebuilt without the plugins package.json turns off before any test process starts.
const plugins = spawn(process.execPath, [fileURLToPath(new URL('./ts/tap-plugins.mjs', import.meta.url))], { stdio: 'inherit' });
if ((await exited(plugins)) !== 0) process.exit(1);

// The npm that runs this script (npm_execpath), or the one on PATH when started by hand.
const npm = process.env.npm_execpath;
const gates = npm
  ? spawn(process.execPath, [npm, 'run', '--silent', 'check'], { stdio: ['ignore', 'pipe', 'pipe'] })
  : spawn('npm', ['run', '--silent', 'check'], { stdio: ['ignore', 'pipe', 'pipe'] });
const tapPackage = new URL('../node_modules/tap/package.json', import.meta.url);
const tapBin = fileURLToPath(new URL(JSON.parse(readFileSync(tapPackage, 'utf8')).bin.tap, tapPackage));
const suite = spawn(process.execPath, [tapBin, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(await gatesBesideSuite(gates, suite));
