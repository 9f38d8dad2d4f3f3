import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";

let cached: { dir: string; secret: string } | undefined;

/**
 * The session-signing secret: NEXTAUTH_SECRET if set, otherwise one generated on first use and kept in
 * DATA_DIR, so a restart keeps everyone signed in.
 */
export function getAuthSecret(): string {
  if (config.sessionSecret) return config.sessionSecret;
  const dir = config.dataDir;
  if (cached?.dir === dir) return cached.secret;
  const secret = secretKeptIn(dir);
  cached = { dir, secret };
  return secret;
}

/** The secret kept in a data folder, made there if it has none yet (the bench signs its cookies before a server starts). */
export function secretKeptIn(dir: string): string {
  const file = path.join(dir, "session-secret");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, crypto.randomBytes(48).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(file, "utf8").trim();
}
