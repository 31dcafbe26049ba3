import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { files } from "./files";
import { users } from "./people";
import { projects } from "./projects";
import { installedUnits } from "./acceptance";

/**
 * The public service-request code of a project: printed as a QR code on its warranty card (质量保修卡),
 * it opens /s/<code> where a customer files a request without an account. Not a secret that guards
 * data — it only lets someone holding the card report a fault — so it is stored as issued.
 */
export const serviceCodes = pgTable("service_codes", {
  projectId: uuid("project_id").primaryKey().references(() => projects.id),
  code: text("code").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A maintenance contract (维保合同) that covers a project's units after (or beyond) the warranty. */
export const maintenanceContracts = pgTable(
  "maintenance_contracts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    number: text("number").notNull().default(""),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    priceFen: bigint("price_fen", { mode: "number" }).notNull(),
    scope: text("scope").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("maintenance_contracts_project_idx").on(t.projectId, t.endsOn)],
);

/**
 * A service ticket (售后服务单) from any channel, from report to satisfaction survey. `status` moves
 * only through the ticket transitions (compare-and-set on `version`); every step is timed so the
 * SLA (contact within 4 h, arrival within 6/7 working hours) can be checked and reported.
 */
export const serviceTickets = pgTable(
  "service_tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: text("number").notNull().unique(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    unitId: uuid("unit_id").references(() => installedUnits.id),
    serialNumber: text("serial_number").notNull().default(""),
    channel: text("channel").$type<"hotline" | "regionalManager" | "dealer" | "online">().notNull(),
    reporterName: text("reporter_name").notNull(),
    contactPhone: text("contact_phone").notNull(),
    contactEmail: text("contact_email").notNull().default(""),
    siteAddress: text("site_address").notNull().default(""),
    area: text("area").$type<"city" | "suburb">().notNull().default("city"),
    description: text("description").notNull(),
    status: text("status").notNull().default("received"),
    version: integer("version").notNull().default(1),
    assignedTo: uuid("assigned_to").references(() => users.id),
    coverage: text("coverage").$type<"warranty" | "contract" | "paid">(),
    exclusion: text("exclusion"),
    maintenanceContractId: uuid("maintenance_contract_id").references(() => maintenanceContracts.id),
    diagnosis: text("diagnosis").notNull().default(""),
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }),
    causeCategory: text("cause_category"),
    partsReplaced: text("parts_replaced").notNull().default(""),
    /** Time spent on site, in minutes (工时). */
    minutesSpent: integer("minutes_spent"),
    resolution: text("resolution").notNull().default(""),
    customerSignatureFileId: uuid("customer_signature_file_id").references(() => files.id),
    customerSignerName: text("customer_signer_name").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    contactDueAt: timestamp("contact_due_at", { withTimezone: true }).notNull(),
    contactedAt: timestamp("contacted_at", { withTimezone: true }),
    diagnosedAt: timestamp("diagnosed_at", { withTimezone: true }),
    arrivalDueAt: timestamp("arrival_due_at", { withTimezone: true }),
    onSiteAt: timestamp("on_site_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    surveyedAt: timestamp("surveyed_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("service_tickets_project_idx").on(t.projectId, t.receivedAt), index("service_tickets_status_idx").on(t.status)],
);

/** Each step of a ticket: who moved it, when, from → to, and the note. Append-only by convention. */
export const ticketEvents = pgTable(
  "ticket_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id").notNull().references(() => serviceTickets.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorLabel: text("actor_label").notNull().default(""),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    note: text("note").notNull().default(""),
    ip: text("ip").notNull().default(""),
  },
  (t) => [index("ticket_events_ticket_idx").on(t.ticketId, t.at)],
);

/** Photos of a ticket: from the customer's request, and from the technician at resolution. */
export const ticketPhotos = pgTable(
  "ticket_photos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id").notNull().references(() => serviceTickets.id),
    fileId: uuid("file_id").notNull().references(() => files.id),
    stage: text("stage").$type<"request" | "resolution">().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ticket_photos_ticket_idx").on(t.ticketId)],
);

/** A quote for paid work, accepted (or declined) by the customer through a link before it expires. */
export const serviceQuotes = pgTable(
  "service_quotes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id").notNull().references(() => serviceTickets.id),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    items: text("items").notNull(),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    decision: text("decision").$type<"accepted" | "declined">(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedName: text("decided_name").notNull().default(""),
    decidedIp: text("decided_ip").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("service_quotes_ticket_idx").on(t.ticketId)],
);

/** A customer's link (quote acceptance or survey): one task, hashed token, expiry, used once. */
export const serviceLinks = pgTable(
  "service_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id").notNull().references(() => serviceTickets.id),
    kind: text("kind").$type<"quote" | "survey">().notNull(),
    subjectId: uuid("subject_id"),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("service_links_ticket_idx").on(t.ticketId, t.kind)],
);

/** The satisfaction survey of a ticket (seed 000 第十八条): one per ticket. */
export const satisfactionSurveys = pgTable(
  "satisfaction_surveys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id").notNull().references(() => serviceTickets.id),
    attitude: integer("attitude").notNull(),
    skill: integer("skill").notNull(),
    arrivalTime: integer("arrival_time").notNull(),
    promisesKept: integer("promises_kept").notNull(),
    comment: text("comment").notNull().default(""),
    complaint: boolean("complaint").notNull().default(false),
    flagged: boolean("flagged").notNull().default(false),
    technicianId: uuid("technician_id").references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [uniqueIndex("satisfaction_surveys_ticket_idx").on(t.ticketId)],
);
