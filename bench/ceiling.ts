import { buildCeiling } from './ceiling-app.js';

/** The ceiling as a server (bench/ceiling-app.ts), bundled by bench/lib.ts so that it starts as plain JS. */
const app = buildCeiling();
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
