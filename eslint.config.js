import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

// Folders by kind; README "How it works" says what each may import, the blocks below enforce it
// (one block per folder: flat config does not merge a rule's options across blocks).
const DB = ["@prisma/client", "@prisma/*", "**/db/**", "**/db"];
const SERVICES = ["**/services/**"];
const WORKERS = ["**/workers/**"];
const PRESENTATION = ["**/presentation/**"];
const READERS = ["**/readers/**"];
const COMMANDS = ["**/commands/**"];
/** The process around the code: entry points, wiring, HTTP, the scheduler, the CLI. */
const APP = [
  "**/app",
  "**/app.js",
  "**/app/**",
  "**/main.js",
  "**/bootstrap.js",
  "**/command-services.js",
  "**/cli/**",
  "**/http/**",
  "**/scheduler/**",
];

/** `files` may import none of the pattern groups (each `{ group, message }`). */
const forbidImports = (files, ...patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

/** What domain code may never import: the app around it, the database, I/O. */
const DOMAIN_FORBIDDEN_GROUP = [
  "**/services/**",
  "**/workers/**",
  "**/presentation/**",
  "**/readers/**",
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
            {
              group: [...WORKERS, ...APP],
              message:
                "A command calls services; workers and the app wiring start it, not the other way.",
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      "src/scheduler/**/*.ts",
      "src/http/**/*.ts",
      "src/core/**/*.ts",
      "src/app/**/*.ts",
      "src/cli/**/*.ts",
    ],
    rules: { "no-restricted-imports": ["error", { patterns: [PLATFORM_FORBIDDEN] }] },
  },
  forbidImports(["src/readers/**/*.ts"], PLATFORM_FORBIDDEN, {
    group: [...DB, ...SERVICES, ...WORKERS, ...PRESENTATION, ...COMMANDS, ...APP, "**/channels/**"],
    message:
      "A file reader turns bytes into domain values: it imports the domain, core and i18n only.",
  }),
  forbidImports(["src/presentation/**/*.ts"], PLATFORM_FORBIDDEN, {
    group: [...DB, ...SERVICES, ...WORKERS, ...READERS, ...COMMANDS, ...APP],
    message:
      "Presentation renders the values it is given: domain, core and i18n; no database, services or workers.",
  }),
  forbidImports(["src/services/**/*.ts"], PLATFORM_FORBIDDEN, {
    group: [...WORKERS, ...COMMANDS, ...APP],
    message:
      "A service (use case) uses the database, domain, presentation and readers; not commands, workers or the app.",
  }),
  forbidImports(["src/workers/**/*.ts"], PLATFORM_FORBIDDEN, {
    group: [...COMMANDS, ...APP],
    message: "A background worker runs services; src/app starts it.",
  }),
  forbidImports(["src/channels/**/*.ts"], {
    group: [...DB, ...SERVICES, ...WORKERS, ...PRESENTATION, ...READERS, ...COMMANDS, ...APP],
    message:
      "A channel speaks its platform: it imports the neutral types (src/core) and the domain only.",
  }),
);
