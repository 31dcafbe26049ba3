import { boolean, date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { files } from "./files";

export const surveys = pgTable("surveys", {
  projectId: uuid("project_id").primaryKey().references(() => projects.id),
  siteLeadName: text("site_lead_name").notNull().default(""),
  crewLeadName: text("crew_lead_name").notNull().default(""),
  surveyedOn: date("surveyed_on", { mode: "string" }),
  conditions: text("conditions").notNull().default(""),
  drawingsConfirmed: boolean("drawings_confirmed").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const surveyObstacles = pgTable(
  "survey_obstacles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    description: text("description").notNull(),
    plan: text("plan").notNull().default(""),
  },
  (t) => [index("survey_obstacles_project_idx").on(t.projectId)],
);

export const crewMembers = pgTable(
  "crew_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    name: text("name").notNull(),
    position: text("position").notNull().default(""),
    idNumber: text("id_number").notNull().default(""),
  },
  (t) => [index("crew_members_project_idx").on(t.projectId)],
);

export const credentials = pgTable(
  "credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    crewMemberId: uuid("crew_member_id").notNull().references(() => crewMembers.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    number: text("number").notNull(),
    expiresOn: date("expires_on", { mode: "string" }),
    fileId: uuid("file_id").references(() => files.id),
  },
  (t) => [index("credentials_member_idx").on(t.crewMemberId)],
);

/** Equipment and auxiliary-material certificates (设备辅料及设备合格证). */
export const certificates = pgTable(
  "certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    name: text("name").notNull(),
    kind: text("kind").$type<"equipment" | "material">().notNull().default("equipment"),
    number: text("number").notNull().default(""),
    expiresOn: date("expires_on", { mode: "string" }),
    fileId: uuid("file_id").references(() => files.id),
  },
  (t) => [index("certificates_project_idx").on(t.projectId)],
);

/** B.0.6 material/equipment entry requests; a rejected one stays rejected until resolved (removed or replaced). */
export const materialInspections = pgTable(
  "material_inspections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    title: text("title").notNull(),
    /** B.0.6: 于___进场，拟用于___部位 */
    enteredOn: date("entered_on", { mode: "string" }),
    placeOfUse: text("place_of_use").notNull().default(""),
    selfCheck: text("self_check").notNull().default(""),
    status: text("status").$type<"pending" | "approved" | "rejected">().notNull().default("pending"),
    decisionComment: text("decision_comment").notNull().default(""),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    rejectionResolvedAt: timestamp("rejection_resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("material_inspections_project_idx").on(t.projectId, t.status)],
);

/** A.0.3 rectification notices; closed only after the supervisor verifies the B.0.9 reply. */
export const rectifications = pgTable(
  "rectifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    /** A.0.3 number, e.g. JL-TZ-003 */
    number: text("number").notNull().default(""),
    subject: text("subject").notNull(),
    content: text("content").notNull().default(""),
    deadlineOn: date("deadline_on", { mode: "string" }),
    /** 'link' = issued by the supervisor through a task link; 'paper' = recorded by the pm from a paper notice. */
    issuedVia: text("issued_via").$type<"link" | "paper" | "acceptance">().notNull().default("paper"),
    issuedBy: text("issued_by").notNull().default(""),
    status: text("status").$type<"open" | "replied" | "closed">().notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("rectifications_project_idx").on(t.projectId, t.status)],
);
