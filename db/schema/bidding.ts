import { bigint, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { companies, contacts, users } from "./people";
import { projects } from "./projects";
import { files } from "./files";

/** One revision of one installation company's quote; negotiation adds a revision, never edits one. */
export const quotes = pgTable(
  "quotes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    vendorId: uuid("vendor_id").notNull().references(() => companies.id),
    revision: integer("revision").notNull(),
    contractingMethod: text("contracting_method").notNull().default(""),
    scope: text("scope").notNull().default(""),
    durationDays: integer("duration_days"),
    requirements: text("requirements").notNull().default(""),
    paymentTerms: text("payment_terms").notNull().default(""),
    maintenanceTerms: text("maintenance_terms").notNull().default(""),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    totalFen: bigint("total_fen", { mode: "number" }).notNull(),
    source: text("source").$type<"link" | "paper" | "import" | "api" | "seed">().notNull(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    enteredBy: uuid("entered_by").references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("quotes_revision_uq").on(t.projectId, t.vendorId, t.revision), index("quotes_vendor_idx").on(t.vendorId)],
);

export const quoteLines = pgTable(
  "quote_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    quoteId: uuid("quote_id").notNull().references(() => quotes.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    item: text("item").notNull(),
    spec: text("spec").notNull().default(""),
    unit: text("unit").notNull(),
    quantity: numeric("quantity", { precision: 14, scale: 3 }).notNull(),
    unitPriceFen: bigint("unit_price_fen", { mode: "number" }).notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
  },
  (t) => [index("quote_lines_quote_idx").on(t.quoteId, t.position)],
);

/** The pm's written recommendation, required before SUBMIT_FOR_DECISION. */
export const bidRecommendations = pgTable("bid_recommendations", {
  projectId: uuid("project_id").primaryKey().references(() => projects.id),
  vendorId: uuid("vendor_id").notNull().references(() => companies.id),
  reason: text("reason").notNull(),
  createdBy: uuid("created_by").notNull().references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The installation contract signed with the awarded company (RECORD_CONTRACT). */
export const vendorContracts = pgTable("vendor_contracts", {
  id: uuid("id").primaryKey().defaultRandom(),
  projectId: uuid("project_id").notNull().unique().references(() => projects.id),
  vendorId: uuid("vendor_id").notNull().references(() => companies.id),
  contractNo: text("contract_no").notNull(),
  amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
  signedOn: date("signed_on", { mode: "string" }).notNull(),
  fileId: uuid("file_id").notNull().references(() => files.id),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A company's qualifications (营业执照, 资质证书, 安全生产许可证): number, expiry and a scan. */
export const companyQualifications = pgTable(
  "company_qualifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id").notNull().references(() => companies.id),
    kind: text("kind").$type<"businessLicence" | "qualificationCertificate" | "safetyProductionLicence">().notNull(),
    number: text("number").notNull(),
    expiresOn: date("expires_on", { mode: "string" }),
    fileId: uuid("file_id").references(() => files.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("company_qualifications_company_idx").on(t.companyId, t.kind)],
);

/**
 * An invitation to quote: the e-mailed link (its token stored only as a hash) lets the invited
 * contact submit or revise a quote without an account until the deadline, unless revoked.
 */
export const quoteInvitations = pgTable(
  "quote_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    vendorId: uuid("vendor_id").notNull().references(() => companies.id),
    contactId: uuid("contact_id").references(() => contacts.id),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    scope: text("scope").notNull().default(""),
    drawings: text("drawings").notNull().default(""),
    requirements: text("requirements").notNull().default(""),
    deadline: timestamp("deadline", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastOpenedAt: timestamp("last_opened_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("quote_invitations_project_idx").on(t.projectId, t.vendorId)],
);

export const quoteAttachments = pgTable(
  "quote_attachments",
  {
    quoteId: uuid("quote_id").notNull().references(() => quotes.id, { onDelete: "cascade" }),
    fileId: uuid("file_id").notNull().references(() => files.id),
  },
  (t) => [index("quote_attachments_quote_idx").on(t.quoteId)],
);

/** Management's decisions on a project's bidding (AWARD / REOPEN_BIDDING), for the comparison form. */
export const bidDecisions = pgTable(
  "bid_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    kind: text("kind").$type<"award" | "reopen">().notNull(),
    vendorId: uuid("vendor_id").references(() => companies.id),
    reason: text("reason").notNull().default(""),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("bid_decisions_project_idx").on(t.projectId, t.decidedAt)],
);

/** The installation contract's payment milestones (e.g. 30% on entry, 67% on acceptance, 3% after warranty). */
export const contractMilestones = pgTable(
  "contract_milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contractId: uuid("contract_id").notNull().references(() => vendorContracts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    trigger: text("trigger").$type<"signing" | "entry" | "acceptance" | "settlement" | "warrantyEnd">().notNull(),
    label: text("label").notNull(),
    basisPoints: integer("basis_points").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
  },
  (t) => [index("contract_milestones_contract_idx").on(t.contractId, t.position)],
);
