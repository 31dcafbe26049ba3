import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { files } from "./files";
import { projects } from "./projects";
import { users } from "./people";

/**
 * Every PDF the system issues, stored as issued (bytes in `files`) with its SHA-256 and a short
 * code printed in its footer and QR code; the public page /v/<shortCode> shows whether it is the
 * current version. A new version of the same kind supersedes the old one.
 */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").references(() => projects.id),
    kind: text("kind").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    number: text("number").notNull(),
    shortCode: text("short_code").notNull().unique(),
    sha256: text("sha256").notNull(),
    /** SHA-256 of the data the PDF was drawn from: printing unchanged data again reuses the document. */
    contentHash: text("content_hash").notNull(),
    /** For a signed document: the SHA-256 of the content its signatures cover (signatures.content_sha256). */
    signedContentSha256: text("signed_content_sha256"),
    fileId: uuid("file_id").notNull().references(() => files.id),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("documents_project_idx").on(t.projectId, t.kind, t.version)],
);

/** Hits on public, token-protected pages (quote links, signing links), to rate-limit guessing. */
export const publicHits = pgTable(
  "public_hits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("public_hits_key_idx").on(t.bucket, t.key, t.at)],
);
