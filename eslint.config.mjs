import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // Test helpers named use* (useTestDatabase) are jest lifecycle helpers, not React hooks.
    files: ["tests/**/*.ts", "tests/**/*.tsx"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Pages are server-rendered and links are plain <a>: next/link would add a client component to every
    // row of every list (measurably slower renders) and prefetch each visible row.
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
  {
    rules: { "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }] },
  },
  {
    // Data access is asynchronous (SQLite and PostgreSQL behind one interface): a query or mutation that is
    // not awaited, or a promise tested as if it were its result ("if (!findVisibleProcess(…))"), is a bug.
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "data/**",
      ".bench/**",
      "scripts/bench/bare/.next/**",
      "next-env.d.ts",
      "db/migrations/**",
    ],
  },
];

export default config;
