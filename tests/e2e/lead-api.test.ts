// The lead API as websites and portals reach it: over HTTP, against the production server (served from
// the Pages Router through lib/routes/pages.ts, whose adapter these cases check: the body as a stream, the
// answer's headers, refusals on a connection still sending).
import http from "node:http";
import { count, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { leadSubmissions, processes } from "@/db/schema";
import { useServerDatabase } from "@/tests/support/database";
import { firstShowroomId, insertUser } from "@/tests/support/fixtures";
import { insertLeadSource } from "@/tests/support/leads";
import { baseURL } from "./support/chromium";

useServerDatabase();

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; closed: boolean };

/**
 * A raw request on a connection of its own: `parts` are written one after another with `pauseMs` between
 * (no Content-Length when `chunked`), so the server reads a body that is still arriving.
 */
function rawRequest(
  method: string,
  headers: Record<string, string>,
  parts: string[] = [],
  { chunked = false, pauseMs = 0 } = {},
): Promise<Answer> {
  const url = new URL("/api/leads", baseURL());
  const total = Buffer.byteLength(parts.join(""));
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        agent: false,
        headers: { ...headers, ...(chunked || !parts.length ? {} : { "Content-Length": String(total) }) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            closed: response.headers.connection === "close",
          }),
        );
      },
    );
    request.on("error", reject);
    void (async () => {
      for (const [index, part] of parts.entries()) {
        if (index && pauseMs) await new Promise((wait) => setTimeout(wait, pauseMs));
        if (request.destroyed) return;
        request.write(part);
      }
      request.end();
    })();
  });
}

/**
 * A source of the first showroom whose leads go to three new salespeople in turn ("Przydzielaj do"). No
 * showroom of its own: the server is shared with the other end-to-end tests, and forms that tick the only
 * showroom by themselves must keep finding one.
 */
async function setup() {
  const admin = await insertUser("admin");
  const people = [await insertUser("salesperson"), await insertUser("salesperson"), await insertUser("salesperson")];
  const source = await insertLeadSource(admin, {
    showroomId: await firstShowroomId(),
    assigneeIds: people.map((person) => person.id),
  });
  const json = { "Content-Type": "application/json", Authorization: `Bearer ${source.key}` };
  return { source, people, json };
}

const submissionsOf = async (sourceId: number) =>
  (await getDb().select({ n: count() }).from(leadSubmissions).where(eq(leadSubmissions.sourceId, sourceId)))[0].n;

test("a lead sent in parts arrives whole: 201 with the answer, the API's own headers, the process made", async () => {
  const { source, people, json } = await setup();
  const lead = JSON.stringify({ firstName: "Anna", lastName: "Częściowa", email: "anna.czesciowa@lead.test" });
  const answer = await rawRequest("POST", json, [lead.slice(0, 20), lead.slice(20)], { pauseMs: 300 });
  expect(answer.status).toBe(201);
  const body = JSON.parse(answer.body) as { processId: number; result: string };
  expect(body.result).toBe("created");
  expect(answer.headers["content-type"]).toContain("application/json");
  expect(answer.headers["cache-control"]).toBe("no-store");
  expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  expect(answer.headers["content-security-policy"]).toContain("default-src 'none'");
  expect(answer.headers["content-security-policy"]).toContain("sandbox");
  const [process] = await getDb().select().from(processes).where(eq(processes.id, body.processId));
  expect(people.map((person) => person.id)).toContain(process.ownerId);

  // The same without a length (chunked), as a streaming client sends it.
  const chunked = JSON.stringify({ phone: "600 700 811", firstName: "Jan" });
  const second = await rawRequest("POST", json, [chunked.slice(0, 10), chunked.slice(10)], {
    chunked: true,
    pauseMs: 200,
  });
  expect([second.status, (JSON.parse(second.body) as { result: string }).result]).toEqual([201, "created"]);
  expect(await submissionsOf(source.id)).toBe(2);
});

test("a body without a length that passes 64 KB gets its 413 in JSON on the connection still sending; nothing is stored", async () => {
  const { source, json } = await setup();
  const part = `{"firstName":"${"x".repeat(20 * 1024)}`;
  const answer = await rawRequest("POST", json, [part, part, part, part, part], { chunked: true, pauseMs: 100 });
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining("64 KB") });
  expect(answer.closed).toBe(true);
  expect(await submissionsOf(source.id)).toBe(0);
});

test("another method is 405 with Allow: POST; a refusal closes its connection", async () => {
  const { json } = await setup();
  const get = await rawRequest("GET", {});
  expect([get.status, get.headers.allow]).toEqual([405, "POST"]);
  const refused = await rawRequest("POST", { ...json, Authorization: "Bearer lead_zly" }, ['{"phone":"600100200"}']);
  expect(refused.status).toBe(401);
  expect(JSON.parse(refused.body)).toEqual({ error: expect.any(String) });
  expect(refused.closed).toBe(true);
});

test("over HTTP, 20 parallel posts of one lead make one process, and 9 leads go to three salespeople three each", async () => {
  const { source, people, json } = await setup();
  const lead = JSON.stringify({ firstName: "Ewa", email: "ewa.rownolegla@lead.test" });
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => rawRequest("POST", { ...json, "Idempotency-Key": "formularz-42" }, [lead])),
  );
  expect(answers.map((answer) => answer.status).sort()).toEqual([...Array(19).fill(200), 201]);
  expect(new Set(answers.map((answer) => (JSON.parse(answer.body) as { processId: number }).processId)).size).toBe(1);

  const made = await Promise.all(
    Array.from({ length: 9 }, (_, i) =>
      rawRequest("POST", json, [JSON.stringify({ email: `rotacja-${i}@lead.test` })]),
    ),
  );
  const ids = made.map((answer) => (JSON.parse(answer.body) as { processId: number }).processId);
  const owners = await getDb().select({ ownerId: processes.ownerId }).from(processes).where(inArray(processes.id, ids));
  const perPerson = people.map((person) => owners.filter((row) => row.ownerId === person.id).length);
  expect(perPerson).toEqual([3, 3, 3]);
  expect(await submissionsOf(source.id)).toBe(29);
});
