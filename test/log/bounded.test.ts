import t from 'tap';
import { BoundedLog, type LineSink } from '../../src/cli/bounded-stdout.js';

/** A sink that writes nothing until the test says so: a reader that stopped reading. */
function stuckSink(): LineSink & { lines: string[]; release(error?: Error): void } {
  const waiting: ((error?: Error | null) => void)[] = [];
  const lines: string[] = [];
  return {
    lines,
    write(line, done) {
      lines.push(line);
      waiting.push(done);
    },
    release(error) {
      for (const done of waiting.splice(0)) done(error);
    },
  };
}

const line = (i: number): string => `${JSON.stringify({ level: 30, msg: 'request', i, pad: 'x'.repeat(200) })}\n`;

t.test('lines past the bound are dropped and counted; the count is written once there is room', async (t) => {
  const sink = stuckSink();
  const bytes = Buffer.byteLength(line(100));
  const log = new BoundedLog(sink, 10 * bytes);
  for (let i = 100; i < 150; i++) log.write(line(i));
  t.equal(sink.lines.length, 10, 'ten lines fit');
  t.equal(log.pending, 10 * bytes, 'what is held is at most the bound');
  t.equal(log.dropped, 40);

  sink.release();
  t.equal(log.pending, 0);
  log.write(line(150));
  const [notice, next] = sink.lines.slice(10).map((l) => JSON.parse(l));
  t.match(notice, { level: 40, droppedLines: 40, msg: /^40 log line\(s\) were dropped/ });
  t.match(next, { i: 150 });
  t.equal(log.dropped, 0, 'reported once');
});

t.test('flush: waits for what is pending, writes the dropped count first; a broken sink drops all', async (t) => {
  const sink = stuckSink();
  const log = new BoundedLog(sink, 2 * Buffer.byteLength(line(100)));
  for (let i = 100; i < 105; i++) log.write(line(i));
  t.equal(log.dropped, 3);
  let flushed = 0;
  log.flush(() => flushed++);
  t.equal(flushed, 0, 'two lines are still pending');
  sink.release();
  t.equal(flushed, 0, 'once they are out, the dropped count is sent, and waited for');
  t.match(JSON.parse(sink.lines.at(-1) as string), { droppedLines: 3 });
  sink.release();
  t.equal(flushed, 1);
  log.flush(() => flushed++);
  t.equal(flushed, 2, 'nothing pending: at once');

  log.write(line(200));
  sink.release(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  const before = sink.lines.length;
  for (let i = 0; i < 5; i++) log.write(line(i));
  t.equal(sink.lines.length, before, 'nothing more is sent to a reader that went away');
  t.equal(log.dropped, 5);
});
