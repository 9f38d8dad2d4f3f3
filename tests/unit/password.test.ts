import { performance } from "node:perf_hooks";
import bcrypt from "bcryptjs";
import { config, PASSWORD_HASHING_MINIMUM } from "@/lib/config";
import {
  burnPasswordCheck,
  hashPassword,
  MAX_CONCURRENT_HASHES,
  passwordHashingLoad,
  passwordNeedsRehash,
  verifyPassword,
} from "@/lib/auth/password";

const env = process.env as Record<string, string | undefined>;
const quick = { memory: env.ARGON2_MEMORY_KIB, time: env.ARGON2_TIME_COST };

/** Runs `body` with OWASP's parameters, as a production server hashes. */
async function withProductionCost<T>(body: () => Promise<T>): Promise<T> {
  delete env.ARGON2_MEMORY_KIB;
  delete env.ARGON2_TIME_COST;
  try {
    return await body();
  } finally {
    env.ARGON2_MEMORY_KIB = quick.memory;
    env.ARGON2_TIME_COST = quick.time;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

test("argon2id with OWASP's parameters; a setting may raise them, and lower them only under NODE_ENV=test", () => {
  const nodeEnv = env.NODE_ENV;
  try {
    expect(config.passwordHashing).toEqual({ memoryCost: 64, timeCost: 1, parallelism: 1 });
    env.NODE_ENV = "production";
    expect(config.passwordHashing).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    env.ARGON2_MEMORY_KIB = "65536";
    env.ARGON2_TIME_COST = "3";
    expect(config.passwordHashing).toEqual({ memoryCost: 65536, timeCost: 3, parallelism: 1 });
    env.ARGON2_MEMORY_KIB = "nonsense";
    env.ARGON2_TIME_COST = "0";
    expect(config.passwordHashing).toEqual(PASSWORD_HASHING_MINIMUM);
    env.NODE_ENV = "development";
    env.ARGON2_MEMORY_KIB = "8";
    expect(config.passwordHashing.memoryCost).toBe(19456);
  } finally {
    env.NODE_ENV = nodeEnv;
    env.ARGON2_MEMORY_KIB = quick.memory;
    env.ARGON2_TIME_COST = quick.time;
  }
});

test("a new hash is argon2id with today's parameters and verifies; nothing else does", async () => {
  const stored = await withProductionCost(() => hashPassword("dobre-haslo-1"));
  expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  await expect(verifyPassword("dobre-haslo-1", stored)).resolves.toBe(true);
  await expect(verifyPassword("dobre-haslo-2", stored)).resolves.toBe(false);
  await expect(verifyPassword("dobre-haslo-1", "nie-hash")).resolves.toBe(false);
  await withProductionCost(async () => expect(passwordNeedsRehash(stored)).toBe(false));
  // The quick test parameters differ from the production ones: such a hash is due for replacement there.
  expect(passwordNeedsRehash(stored)).toBe(true);
  expect(passwordNeedsRehash(await hashPassword("dobre-haslo-1"))).toBe(false);
});

test("a bcrypt hash of an earlier version keeps verifying and asks to be replaced", async () => {
  const legacy = bcrypt.hashSync("stare-haslo-1", 4);
  await expect(verifyPassword("stare-haslo-1", legacy)).resolves.toBe(true);
  await expect(verifyPassword("stare-haslo-2", legacy)).resolves.toBe(false);
  expect(passwordNeedsRehash(legacy)).toBe(true);
  expect(passwordNeedsRehash("nie-hash")).toBe(true);
});

test("hashing leaves the event loop free: a burst of 6 hashes barely uses the main thread", async () => {
  await withProductionCost(async () => {
    await hashPassword("rozgrzewka"); // the thread pool starts
    const before = performance.eventLoopUtilization();
    await Promise.all(Array.from({ length: 6 }, (_, i) => hashPassword(`haslo-${i}`)));
    const used = performance.eventLoopUtilization(before);
    // bcryptjs at cost 12 kept the main thread busy nearly all the time (utilization ≈ 1).
    expect(used.utilization).toBeLessThan(0.3);
  });
});

test("a burst queues: at most MAX_CONCURRENT_HASHES hashes run at once, the rest wait their turn", async () => {
  expect(MAX_CONCURRENT_HASHES).toBeGreaterThanOrEqual(1);
  expect(MAX_CONCURRENT_HASHES).toBeLessThanOrEqual(4);
  const stored = await hashPassword("haslo-kolejki");
  const burst = Array.from({ length: MAX_CONCURRENT_HASHES + 5 }, (_, i) =>
    i % 2 ? hashPassword(`haslo-${i}`) : verifyPassword("haslo-kolejki", stored),
  );
  expect(passwordHashingLoad()).toEqual({ running: MAX_CONCURRENT_HASHES, waiting: 5 });
  const results = await Promise.all(burst);
  expect(results.filter((result) => result === true)).toHaveLength(Math.ceil(burst.length / 2));
  expect(passwordHashingLoad()).toEqual({ running: 0, waiting: 0 });
});

test("under a burst each slot rests as long as its hash took, so a burst gets at most half the hashing cores", async () => {
  await withProductionCost(async () => {
    const stored = await hashPassword("haslo-odpoczynku");
    const lone = () => timed(() => verifyPassword("zgadywane", stored));
    // Four rounds of MAX_CONCURRENT_HASHES: 4 hashes' time back to back, 7 with a rest between rounds.
    const burst = () =>
      timed(() =>
        Promise.all(Array.from({ length: 4 * MAX_CONCURRENT_HASHES }, () => verifyPassword("zgadywane", stored))),
      );
    const ratios: number[] = [];
    // Alternating order, compared within each pair: the machine's load drifts between pairs.
    for (let i = 0; i < 5; i++) {
      let one: number;
      let all: number;
      if (i % 2) {
        one = await lone();
        all = await burst();
      } else {
        all = await burst();
        one = await lone();
      }
      ratios.push(all / one);
    }
    // Back to back it was 4×; with the rests 7× (more on a busy machine, whose load slows the rests' hashes).
    expect(median(ratios)).toBeGreaterThan(5.5);
    // A lone check after the burst does not wait for a rest.
    expect(passwordHashingLoad()).toEqual({ running: 0, waiting: 0 });
  });
});

test("checking an unknown e-mail costs the same as checking a real account's password", async () => {
  await withProductionCost(async () => {
    const real = await hashPassword("prawdziwe-haslo");
    await burnPasswordCheck("zgadywane"); // the dummy hash is made once, on first use
    // Pairs in alternating order, compared within each pair: the machine's load drifts between pairs.
    const ratios: number[] = [];
    const thrice = (check: () => Promise<unknown>) => timed(async () => [await check(), await check(), await check()]);
    const checkKnown = () => thrice(() => verifyPassword("zgadywane", real));
    const checkUnknown = () => thrice(() => burnPasswordCheck("zgadywane"));
    for (let i = 0; i < 11; i++) {
      let known: number;
      let unknown: number;
      if (i % 2) {
        known = await checkKnown();
        unknown = await checkUnknown();
      } else {
        unknown = await checkUnknown();
        known = await checkKnown();
      }
      ratios.push(unknown / known);
    }
    // Before: a cost-4 bcrypt dummy answered in ~1 ms against ~250 ms for a real account.
    expect(median(ratios)).toBeGreaterThan(0.67);
    expect(median(ratios)).toBeLessThan(1.5);
  });
});
