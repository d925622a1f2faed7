import t from 'tap';

// The README's in-process example, run as it is shown: its own assertions must hold and it
// must close the server it started (a server left listening would keep this process alive).
t.test('the README in-process example runs and its assertions hold', async (t) => {
  await t.resolves(import('./quick-start.js'));
});
