// The lead API's scenario: an API source in the bench salesperson's showroom (its salespeople in turn)
// and a body whose e-mail is new on every request, so each request makes a customer, process and task.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import type { LoadTarget } from "./load";

export function leadApiTarget(databaseFile: string, salespersonId: number): LoadTarget {
  const key = `lead_${crypto.randomBytes(32).toString("base64url")}`;
  const db = new Database(databaseFile);
  try {
    const { showroomId } = db
      .prepare("select showroom_id as showroomId from user_showrooms where user_id = ? order by showroom_id limit 1")
      .get(salespersonId) as { showroomId: number };
    db.prepare(
      "insert into lead_sources (name, kind, showroom_id, process_source, key_hash, rate_limit_per_minute) values ('Bench API', 'api', ?, 'website', ?, 1000000)",
    ).run(showroomId, crypto.createHash("sha256").update(key).digest("hex"));
  } finally {
    db.close();
  }
  return {
    name: "lead API (new lead)",
    path: "/api/leads",
    as: "API key",
    post: {
      body: JSON.stringify({
        firstName: "Jan",
        lastName: "Benchowy",
        email: "lead-[<id>]@bench.test",
        brand: "Toyota",
        model: "Corolla",
        message: "Proszę o ofertę.",
        consents: { email: true },
      }),
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    },
  };
}
