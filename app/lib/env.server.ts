import path from "node:path";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().default("127.0.0.1"),
  /** postgres://… selects a real PostgreSQL server; unset = embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres://").optional(),
  DATA_DIR: z.string().default("data"),
  /** smtp://user:pass@host:port; unset = messages are written as .eml files under DATA_DIR/mail. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("工程安装售后系统 <noreply@install-tracker.local>"),
  /** The address people reach the app at, used in links inside e-mails and PDFs. */
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  /** Behind a load balancer: trust X-Forwarded-For for the client IP. */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  /** Scheduler tick period; 0 disables the in-process scheduler (tests drive it). */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(0).default(2_000),
  /** Outbox retry delay: min(2^attempts × base, max). Production keeps the defaults; the soak test shortens them. */
  OUTBOX_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(10_000),
  OUTBOX_BACKOFF_MAX_MS: z.coerce.number().int().min(1).default(60 * 60_000),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Validated once; a bad setting stops start-up with a readable message. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}

export function resetEnvForTests(): void {
  cached = undefined;
}

export function dataDir(...parts: string[]): string {
  return path.resolve(env().DATA_DIR, ...parts);
}
