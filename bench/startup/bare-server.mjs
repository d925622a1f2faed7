// Bare Fastify's server, listening on PORT until killed: the CLI cold start's reference.
import { bareApp } from './bare-app.mjs';

const app = await bareApp();
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
