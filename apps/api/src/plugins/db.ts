import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Database, Db } from '../db/client.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbKind: Database['kind'];
  }
}

/** The one seam for the database (docs/style.md §3): the app is handed an open database, never opens one. */
export default fp<{ database: Database }>(
  async function db(app: FastifyInstance, { database }) {
    app.decorate('db', database.db);
    app.decorate('dbKind', database.kind);
  },
  { name: 'db' },
);
