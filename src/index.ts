export { buildApp, type MockApp, type MockServices } from './app.js';
export { startMockServer, type MockServer } from './server.js';
export { ControllableClock, type Clock } from './clock.js';
export { ConfigError, type AppConfig, type MockOptions } from './config.js';
export { Errors, VendorError, type VendorErrorEntry } from './envelope/errors.js';
export type { Account, AccountKind, IdentifierType } from './accounts/account.js';
