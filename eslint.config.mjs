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
    ignores: ["node_modules/**", ".next/**", ".next-*/**", "data/**", ".bench/**", "next-env.d.ts", "db/migrations/**"],
  },
];

export default config;
