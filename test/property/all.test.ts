import { runFolder } from '../in-one-process.js';

await runFolder(import.meta.url);
