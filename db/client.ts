import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";
import { acquireDirectoryLock } from "./lock";

export type Schema = typeof schema;
/** A database or a transaction: services take this, so they compose inside one transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface Database {
  db: Db;
  driver: "pglite" | "postgres";
  /** postgres.js client, for the few things drizzle does not wrap (advisory locks, LISTEN). */
  sql?: postgres.Sql;
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… selects a real PostgreSQL server; otherwise PGlite. */
  url?: string;
  /** PGlite data directory; omitted = in memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const sql = postgres(options.url, { max: options.poolSize ?? 10, onnotice: () => {}, connect_timeout: 10 });
    const db = drizzlePostgres(sql, { schema }) as unknown as Db;
    return { db, driver: "postgres", sql, close: () => sql.end({ timeout: 5 }) };
  }
  let release = () => {};
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    // PGlite has no guard of its own: a second process would corrupt the directory.
    release = acquireDirectoryLock(path.resolve(options.dataDir));
  }
  try {
    const pglite = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
    await pglite.waitReady;
    const db = drizzlePglite(pglite, { schema }) as unknown as Db;
    return {
      db,
      driver: "pglite",
      pglite,
      close: async () => {
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** `db.execute()` returns `{rows}` on PGlite and an array on postgres.js. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** The SQLSTATE of a database error, looking through drizzle's wrapper on both drivers. */
export function pgErrorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

// The server entry (server.ts) and the Remix build each carry a copy of this module; the open
// database lives on globalThis so both use the same one (one PGlite per process).
const holder = globalThis as unknown as { __installTrackerDb?: Database };

export function setDatabase(database: Database | undefined): void {
  holder.__installTrackerDb = database;
}

export function getDatabase(): Database {
  const database = holder.__installTrackerDb;
  if (!database) throw new Error("Database not opened: call openDatabase() and setDatabase() at start-up");
  return database;
}

export function getDb(): Db {
  return getDatabase().db;
}
