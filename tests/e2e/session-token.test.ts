import path from "node:path";
import Database from "better-sqlite3";
import fs from "node:fs";
import { sessionCookieHeader } from "@/lib/auth/token";
import { ADMIN, baseURL } from "./support/chromium";

// npm run bench and tests mint session cookies outside the server (lib/auth/token.ts): a minted cookie must
// open an admin-only page, and a forged one must not.
test("a session cookie minted by the bench signs the user in", async () => {
  const dataDir = process.env.E2E_DATA_DIR!;
  const db = new Database(path.join(dataDir, "salon-crm.sqlite"), { readonly: true });
  const admin = db
    .prepare("select id, name, email, session_version as sessionVersion from users where email = ?")
    .get(ADMIN.email) as {
    id: number;
    name: string;
    email: string;
    sessionVersion: number;
  };
  db.close();
  const secret = fs.readFileSync(path.join(dataDir, "session-secret"), "utf8").trim();
  const cookie = await sessionCookieHeader(admin, secret);
  const signedIn = await fetch(`${baseURL()}/uzytkownicy`, { headers: { cookie }, redirect: "manual" });
  expect(signedIn.status).toBe(200);
  expect(await signedIn.text()).toContain(ADMIN.email);
  const forged = await fetch(`${baseURL()}/uzytkownicy`, {
    headers: { cookie: `${cookie.slice(0, -4)}AAAA` },
    redirect: "manual",
  });
  expect(forged.status).toBe(307);
});
