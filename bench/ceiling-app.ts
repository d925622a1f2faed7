import Fastify, { type FastifyInstance } from 'fastify';
import accountImport from '../src/tim/v4/im_open_login_svc/account_import.js';
import sendmsg from '../src/tim/v4/openim/sendmsg.js';
import { commandPath } from '../src/tim/command.js';
import { EnvelopeQuery } from '../src/tim/query.js';

/**
 * The ceiling: bare Fastify 5 with the emulator's account_import (and sendmsg) route path, its JSON body
 * and query schemas, and a fixed OK reply through the same reply schema. Nothing built on
 * Fastify answers this route faster.
 */
export function buildCeiling(): FastifyInstance {
  const app = Fastify({ logger: false });
  const OK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };

  // The emulator reads any Content-Type as JSON; so does the ceiling.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.post(commandPath(accountImport), { schema: { querystring: EnvelopeQuery, body: accountImport.body, response: { 200: accountImport.reply } } }, async () => OK);
  // sendmsg's ceiling (bench/sendmsg.ts): its schemas, and a reply with the fields it answers.
  const SENT = { ...OK, MsgTime: 1767225600, MsgKey: '1_1_1767225600' };
  const sendmsgSchema = { querystring: EnvelopeQuery, body: sendmsg.body, response: { 200: sendmsg.reply } };
  app.post(commandPath(sendmsg), { schema: sendmsgSchema }, async () => SENT);
  return app;
}
