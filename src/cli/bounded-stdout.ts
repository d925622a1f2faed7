import { fstatSync } from 'node:fs';
import { hostname } from 'node:os';
import { Socket } from 'node:net';

/** Where lines go: `done` is called once a line is out (or could not be written). */
export interface LineSink {
  write(line: string, done: (error?: Error | null) => void): unknown;
}

/** The line that says how many lines were dropped, in pino's shape (level 40: warn). */
const droppedLine = (dropped: number): string =>
  `${JSON.stringify({
    level: 40,
    time: Date.now(),
    pid: process.pid,
    hostname: hostname(),
    droppedLines: dropped,
    msg: `${dropped} log line(s) were dropped: the log output was not read fast enough`,
  })}\n`;

/**
 * A pino destination that never holds more than `maxBytes` of lines not yet written: a line
 * that does not fit is dropped and counted, and the count is written as a line of its own as
 * soon as one fits again (or on flush). A reader that stops reading costs at most `maxBytes`.
 *
 * pino's own destination (sonic-boom) has a `maxLength` that drops lines too, but it writes with
 * fs.write on the descriptor and flushes at exit with a loop that sleeps and retries while the
 * pipe is full: a reader that stops reading would keep the process from ever exiting. This one
 * writes through a non-blocking socket and gives up at exit after its drain bound.
 */
export class BoundedLog {
  readonly #sink: LineSink;
  readonly #maxBytes: number;
  #pending = 0;
  #dropped = 0;
  #broken = false;
  #waiting: (() => void)[] = [];

  constructor(sink: LineSink, maxBytes: number) {
    this.#sink = sink;
    this.#maxBytes = maxBytes;
  }

  /** Bytes handed to the sink and not yet written. */
  get pending(): number {
    return this.#pending;
  }

  /** Lines dropped since the last line that reported them. */
  get dropped(): number {
    return this.#dropped;
  }

  write(line: string): void {
    this.#reportDropped();
    if (!this.#send(line)) this.#dropped++;
  }

  /** Calls `done` once every line accepted so far is written; it may never be, so callers bound the wait. */
  flush(done: () => void): void {
    this.#reportDropped();
    if (this.#pending === 0) done();
    else this.#waiting.push(done);
  }

  #reportDropped(): void {
    if (this.#dropped > 0 && this.#send(droppedLine(this.#dropped))) this.#dropped = 0;
  }

  #send(line: string): boolean {
    const bytes = Buffer.byteLength(line);
    if (this.#broken || this.#pending + bytes > this.#maxBytes) return false;
    this.#pending += bytes;
    this.#sink.write(line, (error) => {
      this.#pending -= bytes;
      // A reader that went away (EPIPE) will not come back: every later line is dropped.
      if (error) this.#broken = true;
      if (this.#pending > 0 || this.#waiting.length === 0) return;
      // A flush waits for the dropped count too, once there is room for it.
      this.#reportDropped();
      if (this.#pending === 0) for (const done of this.#waiting.splice(0)) done();
    });
    return true;
  }
}

let stdoutLog: BoundedLog | undefined;

/**
 * The process's stdout as a bounded, non-blocking log destination when it is a pipe or a socket;
 * undefined for a file or a terminal, which pino writes to as usual. Node writes to a stdout pipe
 * synchronously: a reader that stops reading would block the whole process, its shutdown too.
 * This socket on fd 1 writes without blocking instead (libuv makes the descriptor non-blocking).
 * process.stdout is created first: created after, it would find fd 1 already taken.
 */
export function stdoutDestination(maxBytes: number): BoundedLog | undefined {
  if (stdoutLog !== undefined) return stdoutLog;
  const stat = fstatSync(1);
  if (!stat.isFIFO() && !stat.isSocket()) return undefined;
  void process.stdout;
  const socket = new Socket({ fd: 1, readable: false, writable: true });
  // Each write's callback sees its error too; this keeps an EPIPE from being an uncaught one.
  socket.on('error', () => {});
  stdoutLog = new BoundedLog(socket, maxBytes);
  return stdoutLog;
}

/** Waits until the log lines written to stdout are out, for at most `ms`. */
export function flushStdout(ms: number): Promise<void> {
  const log = stdoutLog;
  if (log === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    log.flush(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
