/**
 * The one place where API tests, browser tests and benchmarks get a free port, a database of their
 * own and a real API server in a child process, so that all three start the app the same way.
 */
export { freePort } from './ports.js';
export { throwawayDatabase, type ThrowawayDatabase } from './databases.js';
export { API_ROOT, startApiServer, TEST_SECRETS, waitForHealth, type ApiServer } from './servers.js';
export { machine, type Machine } from './machine.js';
