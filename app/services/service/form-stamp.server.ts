// The public request form carries a signed "opened at" stamp: a submission sooner than a person
// could fill the form in is a bot's. The signature only stops the stamp from being forged (a
// script that waits is slowed down, which is the point); the rate limit does the rest.
import crypto from "node:crypto";

export const MIN_FILL_MS = 3_000;
/** A page left open longer than this gets a fresh stamp and a request to submit again. */
const MAX_AGE_MS = 24 * 3_600_000;

let processKey: Buffer | undefined;

/**
 * SERVICE_FORM_SECRET when set; otherwise derived from DATABASE_URL (it holds the database
 * password, and every app server of one deployment shares it); with the embedded database (one
 * process) a random key per process, so a restart only asks an open form to be sent again.
 */
function key(): Buffer {
  const configured = process.env.SERVICE_FORM_SECRET || process.env.DATABASE_URL;
  if (configured) return crypto.createHash("sha256").update(`service-form-stamp:${configured}`).digest();
  processKey ??= crypto.randomBytes(32);
  return processKey;
}

const sign = (scope: string, ms: number) => crypto.createHmac("sha256", key()).update(`${scope}.${ms}`).digest("base64url");

/** `<ms>.<signature>`, bound to the form it was issued for (the service code). */
export function issueFormStamp(scope: string, now = new Date()): string {
  const ms = now.getTime();
  return `${ms}.${sign(scope, ms)}`;
}

export type StampCheck = "ok" | "tooFast" | "invalid";

export function checkFormStamp(stamp: unknown, scope: string, now = new Date()): StampCheck {
  const m = typeof stamp === "string" ? /^(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(stamp) : null;
  if (!m) return "invalid";
  const ms = Number(m[1]);
  const expected = Buffer.from(sign(scope, ms));
  const given = Buffer.from(m[2]);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return "invalid";
  const age = now.getTime() - ms;
  if (age < MIN_FILL_MS) return "tooFast";
  return age > MAX_AGE_MS ? "invalid" : "ok";
}
