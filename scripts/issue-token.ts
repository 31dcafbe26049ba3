/**
 * Issues an API token for a user and prints only the token on stdout (so it can be piped):
 *
 *   npm run token -- <user e-mail> [name]
 *   TOKEN=$(npm run --silent token -- pm@example.com "ERP sync")
 *
 * Opens the database exactly like the server (DATABASE_URL, or PGlite in DATA_DIR; migrates; seeds
 * an empty database). PGlite allows one process per data directory: while the server runs on the
 * same DATA_DIR this command stops with a lock message — stop the server, or issue the token on
 * the admin page (系统管理 → API 令牌) instead. With DATABASE_URL both can run at once.
 */
import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import { bootDatabase } from "../app/lib/boot.server";
import { issueApiToken } from "../app/services/admin/issue-api-token.server";

const USAGE = `Usage: npm run token -- <user e-mail> [name]

Prints a new API token (it_…) for the user on stdout; use it as "Authorization: Bearer <token>".
Uses DATABASE_URL, or the PGlite database in DATA_DIR (default ./data). PGlite allows one process
per data directory: if the server is running on the same DATA_DIR this fails with a lock message;
stop the server first, or issue the token on the admin page (/admin/tokens).`;

async function main(argv: string[]): Promise<number> {
  const [emailArg, ...nameParts] = argv;
  if (!emailArg || emailArg === "-h" || emailArg === "--help") {
    process.stderr.write(`${USAGE}\n`);
    return emailArg ? 0 : 1;
  }
  const email = emailArg.trim().toLowerCase();
  const name = nameParts.join(" ").trim() || "cli";

  // stdout carries the token alone: anything the boot or seed code logs goes to stderr.
  const log = console.log;
  console.log = console.info = (...args: unknown[]) => console.error(...args);

  let booted: Awaited<ReturnType<typeof bootDatabase>>;
  try {
    booted = await bootDatabase();
  } catch (error) {
    process.stderr.write(`Cannot open the database: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 1;
  }
  try {
    const db = booted.database.db;
    const [user] = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.email, email));
    if (!user) {
      process.stderr.write(`No user with e-mail ${email}\n`);
      return 1;
    }
    if (user.disabledAt) process.stderr.write(`Warning: ${email} is disabled; the token will not work until the user is enabled.\n`);
    const { token } = await issueApiToken(db, { userId: user.id, name });
    log(token);
    return 0;
  } finally {
    await booted.database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
