import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { files } from "./files";
import { users } from "./people";

/** The pm's confirmation that all design and contract items are complete (004 §3.3(1)1). */
export const completionChecks = pgTable("completion_checks", {
  projectId: uuid("project_id").primaryKey().references(() => projects.id),
  confirmedBy: uuid("confirmed_by").references(() => users.id),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull().defaultNow(),
  /** 竣工日期: the day the installation was finished (printed on the certificate). */
  completedOn: date("completed_on", { mode: "string" }),
  note: text("note").notNull().default(""),
});

/** One checked item of the self-inspection (设备安装牢固, 风管连接严密…). */
export interface InspectionItem { name: string; ok: boolean; note: string }
/** One outlet's airflow (m³/h): design against measured; within ±15% passes (GB 50411). */
export interface OutletAirflow { location: string; designM3h: number; measuredM3h: number }

/**
 * The installer's self-inspection (施工单位自检) with commissioning results. `passed` is computed
 * by the server from the items, the trial run and the airflow figures — never taken from a form.
 */
export const selfInspections = pgTable("self_inspections", {
  projectId: uuid("project_id").primaryKey().references(() => projects.id),
  passed: boolean("passed").notNull(),
  foremanName: text("foreman_name").notNull().default(""),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  inspectedOn: date("inspected_on", { mode: "string" }),
  items: jsonb("items").$type<InspectionItem[]>().notNull().default([]),
  trialRunPassed: boolean("trial_run_passed").notNull().default(false),
  trialRunHours: integer("trial_run_hours").notNull().default(0),
  trialRunNote: text("trial_run_note").notNull().default(""),
  systemDesignM3h: integer("system_design_m3h"),
  systemMeasuredM3h: integer("system_measured_m3h"),
  outlets: jsonb("outlets").$type<OutletAirflow[]>().notNull().default([]),
  foremanSignatureFileId: uuid("foreman_signature_file_id").references(() => files.id),
  recordedBy: uuid("recorded_by").references(() => users.id),
});

/** Equipment installed on site (设备清单): printed on the certificate; the warranty covers these units. */
export const installedUnits = pgTable(
  "installed_units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    name: text("name").notNull(),
    model: text("model").notNull().default(""),
    quantity: integer("quantity").notNull().default(1),
    location: text("location").notNull().default(""),
    /** Serial numbers of the units on this line, one per unit when known. */
    serialNumbers: jsonb("serial_numbers").$type<string[]>().notNull().default([]),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("installed_units_project_idx").on(t.projectId, t.createdAt)],
);

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

/** The agreed acceptance meeting (date, time, place); the calendar invitation is built from it. */
export const acceptancePlans = pgTable("acceptance_plans", {
  projectId: uuid("project_id").primaryKey().references(() => projects.id),
  agreedDate: date("agreed_date", { mode: "string" }).notNull(),
  startTime: text("start_time").notNull().default("09:30"),
  place: text("place").notNull().default(""),
  /** Each REQUEST_ACCEPTANCE / REVISE_ACCEPTANCE starts a round; signatures carry it as documentVersion. */
  round: integer("round").notNull().default(1),
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

/**
 * 工程结算书: one row per version. The pm edits the latest version while it is a draft (or was
 * returned); submitting freezes it for finance; a change after approval makes a new version that
 * needs a new approval. Totals are stored as computed by settlement-math.ts from the lines.
 */
export const settlements = pgTable(
  "settlements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    version: integer("version").notNull(),
    status: text("status").$type<"draft" | "submitted" | "returned" | "approved" | "superseded">().notNull().default("draft"),
    contractAmountFen: bigint("contract_amount_fen", { mode: "number" }).notNull().default(0),
    totalFen: bigint("total_fen", { mode: "number" }).notNull(),
    retentionMode: text("retention_mode").$type<"rate" | "guarantee">().notNull().default("rate"),
    retentionBasisPoints: integer("retention_basis_points").notNull().default(300),
    defectMonths: integer("defect_months").notNull().default(12),
    guaranteeNote: text("guarantee_note").notNull().default(""),
    retentionFen: bigint("retention_fen", { mode: "number" }).notNull(),
    retentionDueOn: date("retention_due_on", { mode: "string" }),
    /** Paid by the client before this statement (advances, progress payments outside the system). */
    paidBeforeFen: bigint("paid_before_fen", { mode: "number" }).notNull().default(0),
    /** When the client should have paid the amount now payable (overdue after it). */
    paymentDueOn: date("payment_due_on", { mode: "string" }),
    basis: text("basis").notNull().default(""),
    payeeBank: text("payee_bank").notNull().default(""),
    payeeAccount: text("payee_account").notNull().default(""),
    preparedBy: uuid("prepared_by").references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    financeComment: text("finance_comment").notNull().default(""),
    sentToClientAt: timestamp("sent_to_client_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("settlements_project_version_idx").on(t.projectId, t.version)],
);

/** 变更/签证/扣款 lines of one settlement version, each with its reason and who approved it. */
export const settlementLines = pgTable(
  "settlement_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    settlementId: uuid("settlement_id").notNull().references(() => settlements.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind").$type<"variation" | "siteInstruction" | "deduction">().notNull(),
    number: text("number").notNull().default(""),
    reason: text("reason").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    approvedBy: text("approved_by").notNull().default(""),
    approvedOn: date("approved_on", { mode: "string" }),
  },
  (t) => [index("settlement_lines_settlement_idx").on(t.settlementId, t.position)],
);

/** Invoices issued to the client against a settlement (发票号, 开票日期, 金额). */
export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    settlementId: uuid("settlement_id").notNull().references(() => settlements.id),
    number: text("number").notNull(),
    issuedOn: date("issued_on", { mode: "string" }).notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invoices_project_number_idx").on(t.projectId, t.number)],
);

/**
 * What we owe the installation company: one request per contract milestone once its trigger is
 * reached (entry, acceptance, settlement, warranty end…), handled in the same finance inbox.
 */
export const vendorPaymentRequests = pgTable(
  "vendor_payment_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    vendorId: uuid("vendor_id").notNull(),
    milestoneId: uuid("milestone_id").notNull().unique(),
    label: text("label").notNull(),
    trigger: text("trigger").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    status: text("status").$type<"due" | "paid">().notNull().default("due"),
    paidOn: date("paid_on", { mode: "string" }),
    paidBy: uuid("paid_by").references(() => users.id),
    reference: text("reference").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("vendor_payment_requests_status_idx").on(t.status, t.dueOn)],
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
    reference: text("reference").notNull().default(""),
    recordedBy: uuid("recorded_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("payments_project_idx").on(t.projectId)],
);
