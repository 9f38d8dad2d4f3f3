import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

/** @type {import('jest').Config} */
const shared = {
  moduleNameMapper: {
    "^server-only$": "<rootDir>/tests/support/empty-module.ts",
    "^@/(.*)$": "<rootDir>/$1",
  },
  setupFiles: ["<rootDir>/tests/support/env.ts"],
};

/**
 * `TEST_DB=postgres` (npm test's second run) runs the integration and end-to-end projects on PostgreSQL: one
 * throwaway cluster for the run, a database per test file. Tests about SQLite itself (`*.sqlite.test.ts`)
 * run only on SQLite, those about PostgreSQL itself (`*.postgres.test.ts`) only there.
 */
const onPostgres = process.env.TEST_DB === "postgres";
const otherDialect = onPostgres ? "\\.sqlite\\.test\\.tsx?$" : "\\.postgres\\.test\\.tsx?$";
const postgresHooks = onPostgres ? { globalTeardown: "<rootDir>/tests/support/postgres-global-teardown.ts" } : {};

export default async function config() {
  const base = await createJestConfig(shared)();
  const project = (name, extra) => ({
    ...base,
    displayName: onPostgres ? `${name} (postgres)` : name,
    testMatch: [`<rootDir>/tests/${name}/**/*.test.ts?(x)`],
    testPathIgnorePatterns: [...(base.testPathIgnorePatterns ?? []), otherDialect],
    ...extra,
  });
  const databaseProjects = [
    project("integration", {
      testEnvironment: "node",
      // A round trip per statement: the tests that write hundreds of rows take longer than on SQLite.
      ...(onPostgres
        ? {
            globalSetup: "<rootDir>/tests/support/postgres-global-setup.ts",
            setupFilesAfterEnv: ["<rootDir>/tests/support/postgres-timeout.ts"],
          }
        : {}),
      ...postgresHooks,
    }),
    project("e2e", {
      testEnvironment: "node",
      globalSetup: "<rootDir>/tests/e2e/support/global-setup.ts",
      globalTeardown: "<rootDir>/tests/e2e/support/global-teardown.ts",
      setupFilesAfterEnv: ["<rootDir>/tests/support/e2e-timeout.ts"],
    }),
  ];
  if (onPostgres) return { projects: databaseProjects };
  return {
    projects: [
      project("unit", { testEnvironment: "node" }),
      project("components", {
        testEnvironment: "jsdom",
        setupFilesAfterEnv: ["<rootDir>/tests/support/jest-dom.ts"],
      }),
      ...databaseProjects,
    ],
  };
}
