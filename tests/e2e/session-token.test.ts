import fs from "node:fs";
import path from "node:path";
import { sessionCookieHeader } from "@/lib/auth/token";
import { useServerDatabase } from "@/tests/support/database";
import { findUserByEmail } from "@/tests/support/fixtures";
import { ADMIN } from "@/tests/support/server";
import { baseURL } from "./support/chromium";

useServerDatabase();

// npm run bench and tests mint session cookies outside the server (lib/auth/token.ts): a minted cookie must
// open an admin-only page, and a forged one must not.
test("a session cookie minted by the bench signs the user in", async () => {
  const dataDir = process.env.E2E_DATA_DIR!;
  const admin = await findUserByEmail(ADMIN.email);
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
