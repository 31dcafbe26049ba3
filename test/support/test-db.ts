import crypto from "node:crypto";
import postgres from "postgres";
import { openDatabase, setDatabase, type Database } from "#db/client";
import { migrateDatabase } from "#db/migrate";

/**
 * A fresh, migrated database for one test file. With DATABASE_URL set (CI's second pass) it is a
 * new database on that PostgreSQL server, dropped afterwards; otherwise an in-memory PGlite.
 * The same tests therefore run on both drivers.
 */
export interface TestDatabase extends Database {
  url?: string;
  drop(): Promise<void>;
}

export function testDriver(): "postgres" | "pglite" {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

export async function createTestDatabase(options: { install?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  let database: Database;
  let url: string | undefined;
  let dropDb = async () => {};
  if (serverUrl) {
    const name = `t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    database = await openDatabase({ url, poolSize: 5 });
    dropDb = async () => {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    database = await openDatabase({});
  }
  await migrateDatabase(database, url);
  if (options.install !== false) setDatabase(database);
  return {
    ...database,
    url,
    drop: async () => {
      setDatabase(undefined);
      await database.close();
      await dropDb();
    },
  };
}
