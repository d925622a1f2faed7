import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, Logger } from 'pino';

type Write = (...args: unknown[]) => void;

/**
 * A request's logger: the emulator's, with the request's bindings (its reqId) added only when a
 * line is written. Fastify made a pino child for every request, which no line used at `warn`.
 */
class RequestLog implements FastifyBaseLogger {
  readonly #root: Logger;
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions;
  #child: Logger | undefined;

  constructor(root: Logger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#root = root;
    this.#bindings = bindings;
    this.#options = options;
  }

  #bound(): Logger {
    return (this.#child ??= this.#root.child(this.#bindings, this.#options));
  }

  // The root decides while the request's log has no level of its own (a route's logLevel, or one set).
  #write(level: Level, args: unknown[]): void {
    const deciding = this.#child ?? (this.#options.level === undefined ? this.#root : this.#bound());
    if (deciding.isLevelEnabled(level)) (this.#bound()[level] as Write)(...args);
  }

  get level(): string {
    return this.#bound().level;
  }

  set level(level: string) {
    this.#bound().level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.#bound().child(bindings, options);
  }

  fatal(...args: unknown[]): void {
    this.#write('fatal', args);
  }

  error(...args: unknown[]): void {
    this.#write('error', args);
  }

  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }

  info(...args: unknown[]): void {
    this.#write('info', args);
  }

  debug(...args: unknown[]): void {
    this.#write('debug', args);
  }

  trace(...args: unknown[]): void {
    this.#write('trace', args);
  }

  silent(): void {}
}

/** Fastify's childLoggerFactory for the emulator's logger: a RequestLog per request. */
export const requestLogs =
  (root: Logger) =>
  (_logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger =>
    new RequestLog(root, bindings, options);
