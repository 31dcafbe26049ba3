import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { projects } from "./projects";

export type OutboxStatus = "pending" | "sending" | "sent" | "failed";

export interface EmailAttachmentRef {
  filename: string;
  contentType: string;
  /** Either a stored file id or base64 content rendered at enqueue time. */
  fileId?: string;
  base64?: string;
}

export interface EmailPayload {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: EmailAttachmentRef[];
}

/**
 * The transactional outbox: effects of a committed change. The worker claims rows with
 * FOR UPDATE SKIP LOCKED; `idempotency_key` is used as the Message-ID so a retry after an
 * unknown outcome can be recognised downstream, and a row is marked sent exactly once.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").$type<"email">().notNull(),
    idempotencyKey: uuid("idempotency_key").notNull().unique().defaultRandom(),
    projectId: uuid("project_id").references(() => projects.id),
    template: text("template").notNull(),
    payload: jsonb("payload").$type<EmailPayload>().notNull(),
    status: text("status").$type<OutboxStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    messageId: text("message_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt), index("outbox_project_idx").on(t.projectId)],
);
