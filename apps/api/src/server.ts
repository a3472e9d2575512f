import Fastify from 'fastify';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { fastifyOptions } from './fastify-options.js';
import { databaseStartFailure, openDatabase, prepareDatabase } from './bootstrap.js';
import app from './app.js';

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const server = Fastify(fastifyOptions(config.logLevel, { trustProxy: config.trustProxy }));
  for (const warning of config.warnings) server.log.warn(warning);
  const database = await openDatabase(config);
  try {
    await prepareDatabase(database, config, (m) => server.log.info(m));
  } catch (e) {
    const line = databaseStartFailure(e, config.databaseUrl);
    if (!line) throw e;
    console.error(line);
    process.exit(1);
  }
  await server.register(app, {
    database,
    jwtSecret: config.jwtSecret,
    voterKeySecret: config.voterKeySecret,
    jwtExpiresIn: config.jwtExpiresIn,
    rateLimits: config.rateLimits,
    redisUrl: config.redisUrl,
    redisKeyPrefix: config.redisKeyPrefix,
    identityMode: config.identityMode,
    publicUrl: config.publicUrl,
    identityProvider: config.identityProvider,
    webDist: config.webDist ?? DEFAULT_WEB_DIST,
  });

  // Graceful shutdown: stop accepting, let in-flight requests finish, then close the database.
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    server.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    // close() waits for every connection; a keep-alive one that was busy when it started goes
    // idle later, so idle connections are swept until the last in-flight request is answered.
    const sweep = setInterval(() => server.server.closeIdleConnections(), 100);
    await server.close();
    clearInterval(sweep);
    await database.close().catch(() => {});
    process.exit(0);
  };
  // A close that throws ends the process as an unhandled rejection; one that hangs ends by the timer.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));

  await server.listen({ port: config.port, host: config.host });
  server.log.info(
    `Бюджет участі: http://${config.host}:${(server.server.address() as { port: number }).port}/ (${database.kind})`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
