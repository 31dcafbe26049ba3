import crypto from "node:crypto";

/** A random, URL-safe secret (session cookies, API tokens, signing links). */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** Only hashes of secrets are stored: a database leak does not hand out live sessions or tokens. */
export function sha256Hex(value: string | Buffer): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}
