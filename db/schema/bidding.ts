import { bigint, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { companies, users } from "./people";
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
