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

export default async function config() {
  const base = await createJestConfig(shared)();
  const project = (name, extra) => ({
    ...base,
    displayName: name,
    testMatch: [`<rootDir>/tests/${name}/**/*.test.ts?(x)`],
    ...extra,
  });
  return {
    projects: [
      project("unit", { testEnvironment: "node" }),
      project("components", {
        testEnvironment: "jsdom",
        setupFilesAfterEnv: ["<rootDir>/tests/support/jest-dom.ts"],
      }),
      project("integration", { testEnvironment: "node" }),
      project("e2e", {
        testEnvironment: "node",
        globalSetup: "<rootDir>/tests/e2e/support/global-setup.ts",
        globalTeardown: "<rootDir>/tests/e2e/support/global-teardown.ts",
        setupFilesAfterEnv: ["<rootDir>/tests/support/e2e-timeout.ts"],
      }),
    ],
  };
}
