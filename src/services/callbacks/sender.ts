import { isoNow, unixSeconds, type Clock } from '../../model/clock.js';
import type { App } from '../../model/apps.js';
import type { CallbackHooks } from '../../tim/command.js';
import type { JsonObject } from '../../tim/body.js';
import { clip } from '../../shared/clip.js';
import { isRecord } from '../../shared/is-record.js';
import { CallbackJournal, type CallbackRecord } from './journal.js';
import { postJson } from './post.js';
import { callbackUrls } from './sign.js';

/** Callbacks in flight at once, over every app. */
export const CALLBACK_CONCURRENCY = 8;
/** Callbacks waiting for a free slot; past it the oldest waiting one is dropped, journalled. */
export const CALLBACK_QUEUE_MAX = 1000;
/** Bytes of a backend's reply read; the connection is dropped past it. */
export const CALLBACK_REPLY_CAP = 64 * 1024;
/** Characters of a reply the journal keeps. */
export const CALLBACK_REPLY_SHOWN = 2048;

/** Where a callback comes from: the client's address and platform (RESTAPI for REST calls). */
export interface CallbackOrigin {
  clientIp: string;
  optPlatform: string;
}

interface Job {
  app: App;
  command: string;
  /** The body, made when the callback is asked for: EventTime is the event's time. */
  body: JsonObject;
  origin: CallbackOrigin;
  resolve: (record: CallbackRecord) => void;
}

const NO_HOOKS: CallbackHooks = {
  on: () => false,
  before: async () => undefined,
  after: () => {},
};

/**
 * Sends the vendor's third-party callbacks: a POST to the app's URL with the vendor's query
 * (and Sign with a token), bounded in concurrency, queue, reply size and time. Knows no Fastify:
 * the pipeline and the control plane hand it an app and a payload.
 */
export class CallbackSender {
  readonly journal: CallbackJournal;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #queue: Job[] = [];
  #running = 0;
  #nextId = 1;

  constructor(clock: Clock, timeoutMs: number, journal = new CallbackJournal()) {
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
    this.journal = journal;
  }

  /** Whether `app` has `command` on. */
  on(app: App, command: string): boolean {
    const { callbackUrl, callbackCommands } = app.settings;
    return callbackUrl !== null && (callbackCommands === null || callbackCommands.includes(command));
  }

  /** The app's timeout for a callback: its own, else the process-wide one. */
  timeoutOf(app: App): number {
    return app.settings.callbackTimeoutMs ?? this.#timeoutMs;
  }

  /** The hooks a command's context carries: nothing to do when the app has no callback URL. */
  hooksFor(app: App, originOf: () => CallbackOrigin): CallbackHooks {
    if (app.settings.callbackUrl === null) return NO_HOOKS;
    const origin = originOf();
    return {
      on: (command) => this.on(app, command),
      before: (command, payload) => this.ask(app, command, payload, origin),
      after: (command, payload) => {
        if (!this.on(app, command)) return;
        // Queued once the reply is written: the command's execution finishes first.
        const eventTime = this.#clock.now();
        setImmediate(() => void this.send(app, command, payload, origin, eventTime));
      },
    };
  }

  /**
   * A before-callback: the backend's JSON object, or undefined when it failed, was not a JSON
   * object or took longer than the app's timeout (waiting in the queue included), as the vendor
   * lets the event go ahead then.
   */
  async ask(app: App, command: string, payload: JsonObject, origin: CallbackOrigin): Promise<JsonObject | undefined> {
    if (!this.on(app, command)) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.timeoutOf(app));
    });
    const record = await Promise.race([this.send(app, command, payload, origin), late]);
    clearTimeout(timer);
    if (record === undefined || record.status !== 200) return undefined;
    return replyObject(record.reply);
  }

  /** Queues a callback; resolves with its journal record once answered, failed or dropped. */
  send(
    app: App,
    command: string,
    payload: JsonObject,
    origin: CallbackOrigin,
    eventTime = this.#clock.now(),
  ): Promise<CallbackRecord> {
    return new Promise((resolve) => {
      if (this.#queue.length >= CALLBACK_QUEUE_MAX) {
        const dropped = this.#queue.shift() as Job;
        const why = `dropped: ${CALLBACK_QUEUE_MAX} callbacks were waiting, the oldest is dropped`;
        this.#record(dropped, dropped.app.settings.callbackUrl ?? '', null, '', 0, why);
      }
      const body = { CallbackCommand: command, ...payload, EventTime: eventTime };
      this.#queue.push({ app, command, body, origin, resolve });
      this.#pump();
    });
  }

  /** Drops the callbacks still waiting (the app is closing); those in flight end by their timeout. */
  close(): void {
    this.#queue.length = 0;
    this.journal.close();
  }

  #pump(): void {
    while (this.#running < CALLBACK_CONCURRENCY && this.#queue.length > 0) {
      const job = this.#queue.shift() as Job;
      this.#running++;
      void this.#post(job).finally(() => {
        this.#running--;
        this.#pump();
      });
    }
  }

  async #post(job: Job): Promise<void> {
    const { app, command, origin } = job;
    const base = app.settings.callbackUrl;
    if (base === null) {
      this.#record(job, '', null, '', 0, 'the app has no callback URL any more');
      return;
    }
    const query = { sdkappid: app.sdkappid, command, ...origin };
    const { sent, shown } = callbackUrls(base, query, app.settings.callbackToken, unixSeconds(this.#clock));
    const started = performance.now();
    const result = await postJson(sent, JSON.stringify(job.body), this.timeoutOf(app), CALLBACK_REPLY_CAP);
    const error = result.error ?? (result.capped ? `the reply is over ${CALLBACK_REPLY_CAP} bytes: cut there` : null);
    this.#record(job, shown, result.status, result.text, performance.now() - started, error);
  }

  #record(job: Job, url: string, status: number | null, reply: string, ms: number, error: string | null): void {
    const record: CallbackRecord = {
      id: this.#nextId++,
      time: isoNow(this.#clock),
      sdkappid: job.app.sdkappid,
      command: job.command,
      url,
      payload: job.body,
      status,
      reply: clip(reply, CALLBACK_REPLY_SHOWN),
      durationMs: Math.round(ms * 1000) / 1000,
      error,
    };
    this.journal.add(record);
    job.resolve(record);
  }
}

function replyObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}
