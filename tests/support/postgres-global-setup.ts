// The integration project's globalSetup on the PostgreSQL run: the run's cluster and its migrated template.
import { onPostgres, startTestPostgres } from "./test-postgres";

export default async function globalSetup() {
  if (onPostgres) await startTestPostgres();
}
