/**
 * Run by `startServerWithData` (server.ts) in apps/api's own Node (`--import tsx`, cwd apps/api),
 * before the server starts: the database is made as the server would make it (schema, admin, demo
 * data), then PREPARE_SQL (a JSON array of statements) adds what a browser test needs and the API
 * cannot create, such as rows dated hours ago. Environment only, like the server.
 */
import { loadConfig } from '../../../api/src/config';
import { openDatabase, prepareDatabase } from '../../../api/src/bootstrap';

const config = loadConfig(process.env);
const database = await openDatabase(config);
try {
  await prepareDatabase(database, config, () => {});
  for (const statement of JSON.parse(process.env.PREPARE_SQL ?? '[]') as string[])
    await database.db.execute(statement);
} finally {
  await database.close();
}
