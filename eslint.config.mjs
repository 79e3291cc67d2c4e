// ESLint flat config (decision 030: docs/decisions/030-lint-and-format.md).
// `npm run lint` runs it over the whole tree with --max-warnings=0; `npm test` runs it before the type check.
//   - JavaScript: @eslint/js recommended.
//   - TypeScript: typescript-eslint's recommended rules with type information (projectService reads tsconfig.json).
//   - React: eslint-plugin-react-hooks recommended (rules of hooks + the React Compiler's checks).
//   - Next.js: @next/eslint-plugin-next core-web-vitals (it holds every recommended rule too), the same plugin
//     eslint-config-next 16 ships; that package is not used because its React, import and jsx-a11y plugins
//     accept ESLint 9 only.
//   - eslint-config-prettier last: no stylistic rule fights the formatter.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import nextPlugin from "@next/eslint-plugin-next";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    // Generated, copied or served verbatim: nothing here is written by hand.
    ignores: [
      ".next/**",
      "node_modules/**",
      "server/generated/**",
      "public/**",
      "content/**",
      "tools/prisma-sql/node_modules/**",
      "bench/bare-app/.next/**",
      "bench/results/**",
      "test-results/**",
      "playwright-report/**",
      "coverage/**",
      "data/**",
      "next-env.d.ts",
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error", reportUnusedInlineConfigs: "error" } },
  js.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: {
          // tsconfig.json leaves tools/ out (it has its own package); its one config file is linted with the
          // default project.
          allowDefaultProject: ["tools/prisma-sql/prisma.config.ts"],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A leading underscore marks a binding kept on purpose (a rest sibling dropped from an object, a callback's
      // unused positional argument).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Off: every async function without an await here implements a Promise-returning contract (route handlers
      // given to apiRoute, server actions, Auth.js adapter and Next config hooks, TensorFlow.js callbacks), where
      // `async` also turns a synchronous throw into the rejection the caller handles. The rule found no bug.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Off: the input guards (lib/http-guard.mjs, lib/safe-redirect.ts, the API's path check) and their tests match
    // C0 control characters on purpose, to refuse them; that is the one thing this rule forbids.
    rules: { "no-control-regex": "off" },
  },
  {
    files: ["**/*.test.ts", "**/*.test.tsx", "tests/**/*.ts", "tests/**/*.mts"],
    rules: {
      // Off in tests: Vitest's asymmetric matchers (expect.any, expect.stringMatching, expect.closeTo…) are typed
      // `any` by design, so every object that holds one is reported.
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    // bench/bare-app is a plain-JavaScript Next.js app (its pages hold JSX).
    languageOptions: { globals: { ...globals.node }, parserOptions: { ecmaFeatures: { jsx: true } } },
  },
  {
    files: ["**/*.tsx", "**/*.ts"],
    ignores: ["server/**", "prisma/**", "scripts/**", "bench/**", "tests/**"],
    ...reactHooks.configs.flat.recommended,
  },
  {
    ...nextPlugin.configs["core-web-vitals"],
    settings: { next: { rootDir: import.meta.dirname } },
  },
  prettier,
);
