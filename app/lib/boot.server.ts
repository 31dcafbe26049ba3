import path from "node:path";
import { count } from "drizzle-orm";
import { openDatabase, setDatabase, type Database } from "#db/client";
import { migrateDatabase } from "#db/migrate";
import { users } from "#db/schema";
import { env } from "./env.server";

export interface Booted {
  database: Database;
  seeded: boolean;
}

/**
 * Opens the database (PGlite in DATA_DIR, or PostgreSQL at DATABASE_URL), applies migrations and,
 * on an empty database, loads the demo data. Run once per process by server.ts.
 */
export async function bootDatabase(): Promise<Booted> {
  const { DATABASE_URL, DATA_DIR, SEED_DEMO } = env();
  const database = await openDatabase(DATABASE_URL ? { url: DATABASE_URL } : { dataDir: path.join(DATA_DIR, "pglite") });
  try {
    await migrateDatabase(database, DATABASE_URL);
    setDatabase(database);
    let seeded = false;
    if (SEED_DEMO === "1") {
      const [{ n }] = await database.db.select({ n: count() }).from(users);
      if (n === 0) {
        const { seedDemoData } = await import("#db/seed");
        await seedDemoData(database.db);
        seeded = true;
      }
    }
    return { database, seeded };
  } catch (error) {
    await database.close();
    throw error;
  }
}
