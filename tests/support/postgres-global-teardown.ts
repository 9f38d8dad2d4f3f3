import { stopTestPostgres } from "./test-postgres";

export default async function globalTeardown() {
  await stopTestPostgres();
}
