import type Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { LoginPage } from "../pages/login-page";
import { UsersPage } from "../pages/users-page";

/**
 * Drives one kind of save through the browser, for the crash test. Switch the crash test to another
 * save (e.g. the planning form: note + task) by writing another driver with the same shape.
 */
export type SaveDriver = {
  name: string;
  /** A signed-in page ready to save, against the server at baseURL. */
  open(browser: Browser, baseURL: string): Promise<SaveSession>;
  /**
   * Checks the database after the crash and restart: every acknowledged save is there, whole; an
   * unacknowledged one is either whole or absent. Returns the problems found (none: empty).
   */
  verify(db: Database.Database, saves: SaveAttempt[]): string[];
};

export type SaveSession = {
  /** Saves the item named `key`; resolves once the app answered that it was saved, throws otherwise. */
  save(key: string): Promise<void>;
  close(): Promise<void>;
};

export type SaveAttempt = { key: string; acknowledged: boolean };

/** "Dodaj użytkownika" on /uzytkownicy as an administrator: one user row per save. */
export function addUserDriver(admin: { email: string; password: string }): SaveDriver {
  const emailOf = (key: string) => `crash-${key}@salon.test`;
  const nameOf = (key: string) => `Zapis ${key}`;
  return {
    name: "Dodaj użytkownika",
    async open(browser, baseURL) {
      const context = await browser.newContext({ baseURL, locale: "pl-PL", timezoneId: "Europe/Warsaw" });
      const page: Page = await context.newPage();
      await new LoginPage(page).signInAs(admin.email, admin.password);
      const users = new UsersPage(page);
      await users.goto();
      return {
        async save(key) {
          await users.addUser({
            name: nameOf(key),
            email: emailOf(key),
            password: `haslo-${key}-123`,
            role: "Kierownik",
          });
          await page
            .getByRole("status")
            .filter({ hasText: `Dodano użytkownika ${nameOf(key)}.` })
            .waitFor({ timeout: 20_000 });
        },
        close: () => context.close(),
      };
    },
    verify(db, saves) {
      const problems: string[] = [];
      const find = db.prepare("select name, email, role, active, password_hash as hash from users where email = ?");
      for (const save of saves) {
        const rows = find.all(emailOf(save.key)) as { name: string; role: string; active: number; hash: string }[];
        if (rows.length === 0) {
          if (save.acknowledged) problems.push(`${save.key}: acknowledged but missing`);
          continue;
        }
        const [row] = rows;
        const whole =
          rows.length === 1 &&
          row.name === nameOf(save.key) &&
          row.role === "manager" &&
          row.active === 1 &&
          row.hash.startsWith("$argon2id$");
        if (!whole) problems.push(`${save.key}: not whole: ${JSON.stringify(rows)}`);
      }
      return problems;
    },
  };
}
