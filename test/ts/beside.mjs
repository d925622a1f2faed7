/** Resolves with a child's exit code, 1 when a signal ended it. */
export const exited = (child) =>
  new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

/**
 * Waits for the gates and the suite, started at once, and answers the exit code for both. The
 * gates' output (piped) is held and printed when they end, in one block, not between the
 * suite's lines. If the gates fail, the suite is stopped then, so a type error still answers in
 * seconds, as when the gates ran first.
 */
export async function gatesBesideSuite(gates, suite, out = process.stdout, err = process.stderr) {
  const held = [];
  gates.stdout.on('data', (chunk) => held.push(chunk));
  gates.stderr.on('data', (chunk) => held.push(chunk));
  const suiteCode = exited(suite);
  const gatesCode = await exited(gates);
  out.write(Buffer.concat(held));
  if (gatesCode !== 0) {
    err.write(`npm test: the gates failed (npm run check, exit ${gatesCode}); the suite is stopped.\n`);
    suite.kill('SIGTERM');
    await suiteCode;
    return 1;
  }
  err.write('npm test: the gates passed (tsc, ESLint, the import rules).\n');
  return suiteCode;
}
