import { defineConfig } from 'drizzle-kit';

// Migrations are generated into the repository's top-level migrations/ and committed (docs/style.md §9).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: '../../migrations',
});
