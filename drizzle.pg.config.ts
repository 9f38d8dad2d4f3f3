import { defineConfig } from "drizzle-kit";

// The PostgreSQL dialect: its own schema file and its own migrations (drizzle.config.ts is SQLite's).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations-pg",
});
