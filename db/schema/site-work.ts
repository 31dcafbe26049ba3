import { date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { files } from "./files";
import { users } from "./people";
import { projects } from "./projects";
import { materialInspections, rectifications } from "./site";

/** Photos taken on site (survey, progress, rectification evidence, materials), shown as thumbnails. */
export const projectPhotos = pgTable(
  "project_photos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    subject: text("subject").$type<"survey" | "progress" | "rectification" | "material">().notNull(),
    subjectId: uuid("subject_id"),
    fileId: uuid("file_id").notNull().references(() => files.id),
    caption: text("caption").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("project_photos_project_idx").on(t.projectId, t.subject, t.subjectId)],
);

/**
 * One task for one external party, reached by an e-mailed link (token stored as a hash): review the
 * commencement application, a material request, a rectification reply, the acceptance form. A
 * decision uses the task up; a revoked or expired task refuses.
 */
export const reviewTasks = pgTable(
  "review_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    kind: text("kind").$type<"commencement" | "materialInspection" | "rectificationIssue" | "rectificationVerification" | "acceptance">().notNull(),
    subjectId: uuid("subject_id"),
    party: text("party").$type<"supervisor" | "client" | "designer">().notNull(),
    recipientName: text("recipient_name").notNull().default(""),
    recipientEmail: text("recipient_email").notNull(),
    organisation: text("organisation").notNull().default(""),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decision: text("decision").$type<"approved" | "rejected" | "issued">(),
    comment: text("comment").notNull().default(""),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("review_tasks_project_idx").on(t.projectId, t.kind, t.subjectId)],
);

/** Daily progress against the planned duration (进度日志). */
export const progressEntries = pgTable(
  "progress_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    entryDate: date("entry_date", { mode: "string" }).notNull(),
    percentComplete: integer("percent_complete").notNull(),
    notes: text("notes").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("progress_entries_project_idx").on(t.projectId, t.entryDate)],
);

/** Items of a B.0.6 material/equipment entry request, each with its certificate. */
export const materialInspectionItems = pgTable(
  "material_inspection_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    inspectionId: uuid("inspection_id").notNull().references(() => materialInspections.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    spec: text("spec").notNull().default(""),
    quantity: text("quantity").notNull(),
    placeOfUse: text("place_of_use").notNull().default(""),
    certificateFileId: uuid("certificate_file_id").references(() => files.id),
  },
  (t) => [index("material_items_inspection_idx").on(t.inspectionId, t.position)],
);

/** B.0.9 replies to an A.0.3 notice; the supervisor's 复查意见 accepts (closes) or sends it back. */
export const rectificationReplies = pgTable(
  "rectification_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    rectificationId: uuid("rectification_id").notNull().references(() => rectifications.id, { onDelete: "cascade" }),
    content: text("content").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    verdict: text("verdict").$type<"accepted" | "rejected">(),
    verifierComment: text("verifier_comment").notNull().default(""),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
  },
  (t) => [index("rectification_replies_idx").on(t.rectificationId)],
);

/** Coordination notes with the client and the supervisor (004 §3.2). */
export const coordinationNotes = pgTable(
  "coordination_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id),
    party: text("party").$type<"client" | "supervisor" | "vendor" | "internal">().notNull(),
    noteDate: date("note_date", { mode: "string" }).notNull(),
    content: text("content").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("coordination_notes_project_idx").on(t.projectId, t.noteDate)],
);
