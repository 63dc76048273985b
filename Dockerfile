# syntax=docker/dockerfile:1
# Multi-stage: build with dev dependencies, run with production dependencies only, as non-root.

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY prisma ./prisma
COPY prisma.config.ts ./
# Exactly the locked versions; the postinstall runs `prisma generate` (engine "js": offline).
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY locales ./locales
RUN npm run build
# The embedded database template (a migrated empty database; see src/db/embedded-template.ts):
# the postinstall above ran before src/ was here.
RUN mkdir -p node_modules/.cache/vhcv-bot && npm run db:template

# Production packages only, exactly as locked, without the dev tools npm would keep as optional
# peers and without files nothing loads (see the script). bench/production-image.ts runs this
# stage and the runtime stage in a scratch folder and starts the bot from it.
FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY scripts/install-production.sh ./scripts/
RUN sh scripts/install-production.sh

FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/var/lib/vhcv \
    PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
# The generated Prisma client lives in node_modules/.prisma.
COPY --from=build /app/node_modules/.prisma ./node_modules/.prisma
COPY --from=build /app/node_modules/.cache/vhcv-bot ./node_modules/.cache/vhcv-bot
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY prisma ./prisma
COPY locales ./locales
COPY data ./data
RUN mkdir -p /var/lib/vhcv && chown -R node:node /var/lib/vhcv
USER node
VOLUME ["/var/lib/vhcv"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# A young generation of 8 MB semi-spaces (V8's default grows to 16 MB): less resident memory on a
# small server for a few per cent of throughput (README, Benchmarks).
CMD ["node", "--max-semi-space-size=8", "dist/src/main.js", "--no-demo"]
