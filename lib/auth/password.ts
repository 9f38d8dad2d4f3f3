import crypto from "node:crypto";
import os from "node:os";
import { hash, hashSync, parseOptions, verify, type Algorithm, type Options } from "@node-rs/argon2";
import bcrypt from "bcryptjs";
import { config } from "@/lib/config";

export const MIN_PASSWORD_LENGTH = 8;
/** The longest password one can set: a longer attempt is never worth hashing. */
export const MAX_PASSWORD_LENGTH = 200;

const ARGON2ID: Algorithm.Argon2id = 2;

function argon2Options(): Options {
  return { algorithm: ARGON2ID, ...config.passwordHashing };
}

/**
 * Hashes run on libuv's thread pool, never on the event loop; at most half the cores' worth at once, so
 * a burst of sign-ins queues here instead of taking the CPU the pages need. While others wait (a burst),
 * a slot rests as long as its hash took before taking the next: a burst gets at most half of those
 * cores, the pages keep the rest. A lone sign-in never waits.
 */
export const MAX_CONCURRENT_HASHES = Math.min(4, Math.max(1, Math.floor(os.availableParallelism() / 2)));
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  const started = performance.now();
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) setTimeout(next, performance.now() - started);
    else running -= 1;
  }
}

/** How many password hashes run now and how many wait for their turn. */
export function passwordHashingLoad(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, argon2Options()));
}

/** For seeding scripts and fixtures, which hash one password before a synchronous transaction. */
export function hashPasswordSync(password: string, options: Partial<Options> = {}): string {
  return hashSync(password, { ...argon2Options(), ...options });
}

const isBcrypt = (stored: string) => /^\$2[aby]\$/.test(stored);

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  // bcrypt hashes of earlier versions keep working until the next sign-in replaces them.
  if (isBcrypt(stored)) return limited(() => bcrypt.compare(password, stored));
  return limited(() => verify(stored, password)).catch(() => false);
}

/** Whether a stored hash is not argon2id with today's parameters: the sign-in then stores a new one. */
export function passwordNeedsRehash(stored: string): boolean {
  if (isBcrypt(stored)) return true;
  try {
    const used = parseOptions(stored);
    const wanted = config.passwordHashing;
    return (
      used.algorithm !== ARGON2ID ||
      used.memoryCost !== wanted.memoryCost ||
      used.timeCost !== wanted.timeCost ||
      used.parallelism !== wanted.parallelism
    );
  } catch {
    return true;
  }
}

// Compared against when the e-mail is unknown: a real hash with today's parameters, of a password nobody
// knows, so both answers cost the same.
let dummy: { key: string; hash: Promise<string> } | undefined;

export async function burnPasswordCheck(password: string): Promise<void> {
  const key = JSON.stringify(config.passwordHashing);
  if (dummy?.key !== key) dummy = { key, hash: hash(crypto.randomBytes(32).toString("base64url"), argon2Options()) };
  await verifyPassword(password, await dummy.hash);
}
