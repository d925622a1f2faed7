import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';

/** One request the test backend received. */
export interface Received {
  url: URL;
  headers: IncomingMessage['headers'];
  body: any;
}

type Answer = (req: Received, res: ServerResponse) => void;

/**
 * A callback timeout no loaded machine reaches, for tests whose subject is not the timeout: with
 * the vendor's 2 s, a test waiting on an answer could see the event go ahead without it.
 */
export const PATIENT_MS = 30_000;

/** The vendor's "OK" answer to a callback. */
export const OK_ANSWER: Answer = (_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 }));
};

/** An answer with `body` as its JSON. */
export const answer = (body: object): Answer => (_r, res) => res.end(JSON.stringify(body));

/**
 * A real HTTP backend on 127.0.0.1: records each request and answers it with `answer` (set again
 * at any time); `next()` resolves when the next request arrives, so tests wait on events, not time.
 */
export async function startBackend(t: Test, answer: Answer = OK_ANSWER) {
  const received: Received[] = [];
  const waiting: Array<(r: Received) => void> = [];
  const open = new Set<ServerResponse>();
  const state = { answer };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      const r: Received = { url: new URL(req.url ?? '/', 'http://backend'), headers: req.headers, body: text === '' ? undefined : JSON.parse(text) };
      received.push(r);
      open.add(res);
      res.on('close', () => open.delete(res));
      state.answer(r, res);
      waiting.shift()?.(r);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/im/callback`;
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    url,
    received,
    /** Answers the requests from now on with `next`. */
    answerWith(next: Answer): void {
      state.answer = next;
    },
    /** The next request to arrive (or the one already waiting past those seen by earlier calls). */
    next(): Promise<Received> {
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}
