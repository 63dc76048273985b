import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

/** What domain code may never import: the app around it, the database, I/O. */
const DOMAIN_FORBIDDEN_GROUP = [
  "**/services/**",
  "**/channels/**",
  "**/commands/**",
  "**/cli/**",
  "**/db/**",
  "**/http/**",
  "**/scheduler/**",
  "**/app",
  "**/app.js",
  "**/config",
  "**/config.js",
  "**/logger",
  "**/logger.js",
  "@prisma/*",
  "pino",
  "fs",
  "fs/*",
  "net",
  "http",
  "https",
  "child_process",
  "node:*",
];

const DOMAIN_FORBIDDEN = {
  group: DOMAIN_FORBIDDEN_GROUP,
  message: "Domain code is pure: no app layers, database or I/O (pass data and a clock in).",
};

/** Only src/channels knows a platform; everything else decides by the channel's capabilities. */
const PLATFORM_FORBIDDEN = {
  group: [
    "**/channels/telegram/**",
    "**/channels/zalo/**",
    "**/channels/console/**",
    "telegraf",
    "telegraf/*",
  ],
  message:
    "Only src/channels knows a platform: use capabilitiesOf(channel) (src/channels/capabilities.ts) and the neutral types in src/core.",
};

export default tseslint.config(
  { ignores: ["dist/**", "var/**", "node_modules/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            DOMAIN_FORBIDDEN,
            {
              group: ["**/i18n", "**/i18n.js", "i18next"],
              message:
                "Domain code returns messages (src/core/message-key.ts); the caller renders them in its locale.",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Domain code takes a clock: pass `now` in.",
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "Domain code takes a clock: pass `now` in.",
        },
      ],
    },
  },
  {
    // Commands call services (ctx.services: typed ports built in src/command-services.ts) and are
    // unit-tested with in-memory fakes of them: no database client, no database module.
    files: ["commands/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@prisma/*",
                "**/db/**",
                "**/db",
                "**/command-services",
                "**/command-services.js",
              ],
              message:
                "Commands get services, not the database: add a method to a port in CommandServices (commands/types.ts) and use ctx.services.",
            },
            PLATFORM_FORBIDDEN,
          ],
        },
      ],
    },
  },
  {
    files: [
      "src/services/**/*.ts",
      "src/presentation/**/*.ts",
      "src/readers/**/*.ts",
      "src/workers/**/*.ts",
      "src/scheduler/**/*.ts",
      "src/http/**/*.ts",
      "src/core/**/*.ts",
      "src/app/**/*.ts",
      "src/cli/**/*.ts",
    ],
    rules: { "no-restricted-imports": ["error", { patterns: [PLATFORM_FORBIDDEN] }] },
  },
);
