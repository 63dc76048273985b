#!/bin/sh
# The runtime image's node_modules, in the current folder (package.json, package-lock.json and
# .npmrc copied there): the Dockerfile's "deps" stage runs this file, and
# bench/production-image.ts runs that stage in a scratch folder and starts the bot from it.
set -eu

npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# `--omit=dev` keeps a devDependency that a production package names as an optional peer
# (npm/cli#7772, "working as intended"): the lockfile marks it, and what only it needs,
# "devOptional". @prisma/client names `prisma` and `typescript`, which brings the Prisma CLI,
# effect and TypeScript (about 120 MB) into the image; the bot never loads them (migrations are
# applied by src/db/migrate.ts, the client is generated in the build stage). `--omit=optional`
# would also drop resvg's native binary, so remove exactly the lockfile's devOptional entries.
node -e '
const { rmSync } = require("node:fs");
const { packages } = require("./package-lock.json");
for (const [path, entry] of Object.entries(packages)) {
  if (entry.devOptional) rmSync(path, { recursive: true, force: true });
}
'
find node_modules/.bin -type l ! -exec test -e {} \; -delete

# Files no code path of the bot loads (the image is checked by starting it without them):
# - source maps;
# - @prisma/client's query engines and compilers for every database, base64 copies included: the
#   client generated at build time (node_modules/.prisma) carries its own PostgreSQL compiler;
# - echarts' other bundles: the chart code loads dist/echarts.js on first use (require()).
find node_modules -type f -name '*.map' -delete
rm -f node_modules/@prisma/client/runtime/*.wasm-base64.* \
  node_modules/@prisma/client/runtime/query_engine_bg.* \
  node_modules/@prisma/client/runtime/query_compiler_bg.*
find node_modules/echarts/dist -maxdepth 1 -type f ! -name echarts.js ! -name package.json -delete
