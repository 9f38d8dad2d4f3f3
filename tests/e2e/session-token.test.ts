import { sessionCookieHeader } from "@/lib/auth/token";
import { getAuthSecret } from "@/lib/auth/secret";
import { useServerDatabase } from "@/tests/support/database";
import { findUserByEmail, insertSession } from "@/tests/support/fixtures";
import { ADMIN } from "@/tests/support/server";
import { baseURL } from "./support/chromium";

useServerDatabase();

// npm run bench and tests mint session cookies outside the server (lib/auth/token.ts) for a session row
// they open: a minted cookie must open an admin-only page, and a forged one must not.
test("a session cookie minted by the bench signs the user in", async () => {
  const admin = await findUserByEmail(ADMIN.email);
  const session = await insertSession(admin);
  const cookie = await sessionCookieHeader({ id: session.id, user: admin }, getAuthSecret());
  const signedIn = await fetch(`${baseURL()}/uzytkownicy`, { headers: { cookie }, redirect: "manual" });
  expect(signedIn.status).toBe(200);
  expect(await signedIn.text()).toContain(ADMIN.email);
  const forged = await fetch(`${baseURL()}/uzytkownicy`, {
    headers: { cookie: `${cookie.slice(0, -4)}AAAA` },
    redirect: "manual",
  });
  expect(forged.status).toBe(307);
  // A cookie of a session that does not exist (the same user, a made-up id) opens nothing either.
  const madeUp = await sessionCookieHeader({ id: "nie-ma-takiej-sesji", user: admin }, getAuthSecret());
  expect((await fetch(`${baseURL()}/uzytkownicy`, { headers: { cookie: madeUp }, redirect: "manual" })).status).toBe(
    307,
  );
});
