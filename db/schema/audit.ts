import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { projects } from "./projects";

/**
 * Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE. Every stage change
 * writes exactly one row here, in the same transaction as the snapshot.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    projectId: uuid("project_id").references(() => projects.id),
    actorUserId: uuid("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    role: text("role").notNull(),
    ip: text("ip").notNull().default(""),
    userAgent: text("user_agent").notNull().default(""),
    event: text("event").notNull(),
    fromStage: text("from_stage"),
    toStage: text("to_stage"),
    fromState: jsonb("from_state"),
    toState: jsonb("to_state"),
    projectVersion: integer("project_version"),
    payload: jsonb("payload").notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_events_project_idx").on(t.projectId, t.id)],
);
