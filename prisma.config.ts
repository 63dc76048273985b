// Trap 2 of the design brief: the CLI must see a DATABASE_URL even in embedded mode, or it tries
// to download engines. The adapter below decides where data really goes.
process.env.DATABASE_URL ??= "postgresql://embedded.invalid/pglite";

import { defineConfig } from "prisma/config";

const embedded = process.env.DATABASE_URL.startsWith("postgresql://embedded.invalid");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    if (embedded) {
      const { PGlite } = await import("@electric-sql/pglite");
      const { PrismaPGlite } = await import("pglite-prisma-adapter");
      return new PrismaPGlite(new PGlite());
    }
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
