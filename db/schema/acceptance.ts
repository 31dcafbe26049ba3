import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { files } from "./files";
import { users } from "./people";

/** The pm's confirmation that all design and contract items are complete (004 §3.3(1)1). */
export const completionChecks = pgTable("completion_checks", {
  projectId: uuid("project_id").primaryKey().references(() => projects.id),
  confirmedBy: uuid("confirmed_by").references(() => users.id),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull().defaultNow(),
});

export const selfInspections = pgTable("self_inspections", {
  projectId: uuid("project_id").primaryKey().references(() => projects.id),
  passed: boolean("passed").notNull(),
  foremanName: text("foreman_name").notNull().default(""),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Technical archive documents (技术档案和施工管理资料), one row per checklist item supplied. */
export const archiveDocuments = pgTable(
  "archive_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    kind: text("kind").notNull(),
    fileId: uuid("file_id").references(() => files.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("archive_documents_project_idx").on(t.projectId, t.kind)],
);

export const acceptancePlans = pgTable("acceptance_plans", {
  projectId: uuid("project_id").primaryKey().references(() => projects.id),
  agreedDate: date("agreed_date", { mode: "string" }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A party's signature on a document version: who, where from, and the hash of what they signed. */
export const signatures = pgTable(
  "signatures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    documentKind: text("document_kind").notNull(),
    documentVersion: integer("document_version").notNull().default(1),
    party: text("party").$type<"supervisor" | "client" | "designer" | "vendor" | "pm">().notNull(),
    signerName: text("signer_name").notNull(),
    organisation: text("organisation").notNull(),
    opinion: text("opinion").notNull().default(""),
    contentSha256: text("content_sha256").notNull(),
    /** The signer's title (总监理工程师, 甲方代表…), the task that asked for it, the drawn/typed signature and seal. */
    signerRole: text("signer_role").notNull().default(""),
    taskId: uuid("task_id"),
    decision: text("decision").$type<"approved" | "rejected">().notNull().default("approved"),
    signatureFileId: uuid("signature_file_id").references(() => files.id),
    typedSignature: text("typed_signature").notNull().default(""),
    sealFileId: uuid("seal_file_id").references(() => files.id),
    ip: text("ip").notNull().default(""),
    userAgent: text("user_agent").notNull().default(""),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
  },
  (t) => [index("signatures_project_idx").on(t.projectId, t.documentKind)],
);

/** 工程结算书: one row per version; a change after approval makes a new version. */
export const settlements = pgTable(
  "settlements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    version: integer("version").notNull(),
    totalFen: bigint("total_fen", { mode: "number" }).notNull(),
    retentionBasisPoints: integer("retention_basis_points").notNull().default(300),
    retentionFen: bigint("retention_fen", { mode: "number" }).notNull(),
    retentionDueOn: date("retention_due_on", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("settlements_project_idx").on(t.projectId, t.version)],
);

export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    settlementId: uuid("settlement_id").notNull().references(() => settlements.id),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    receivedOn: date("received_on", { mode: "string" }).notNull(),
    kind: text("kind").$type<"progress" | "retention">().notNull().default("progress"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("payments_project_idx").on(t.projectId)],
);
