import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { companies, users } from "./people";

/**
 * A project and its statechart snapshot. `stage`, `snapshot`, `machineVersion` and `version` are
 * written only by the machine runtime (machines/ + app/services/projects/apply-event.server.ts);
 * `stage` is the snapshot's top-level state, kept as a column so lists can filter on it.
 */
export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    clientId: uuid("client_id").notNull().references(() => companies.id),
    siteAddress: text("site_address").notNull(),
    clientContractNo: text("client_contract_no").notNull(),
    clientContractAmountFen: bigint("client_contract_amount_fen", { mode: "number" }).notNull(),
    clientContractSignedOn: date("client_contract_signed_on", { mode: "string" }).notNull(),
    pmId: uuid("pm_id").notNull().references(() => users.id),
    supervisionCompanyId: uuid("supervision_company_id").references(() => companies.id),
    designCompanyId: uuid("design_company_id").references(() => companies.id),
    plannedStartOn: date("planned_start_on", { mode: "string" }),
    plannedFinishOn: date("planned_finish_on", { mode: "string" }),
    stage: text("stage").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    machineVersion: integer("machine_version").notNull(),
    version: integer("version").notNull().default(1),
    stageChangedAt: timestamp("stage_changed_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("projects_stage_idx").on(t.stage, t.updatedAt),
    index("projects_pm_idx").on(t.pmId, t.updatedAt),
    index("projects_client_idx").on(t.clientId, t.updatedAt),
    index("projects_updated_idx").on(t.updatedAt),
  ],
);

export const projectEquipment = pgTable(
  "project_equipment",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    model: text("model").notNull(),
    quantity: integer("quantity").notNull(),
    location: text("location").notNull(),
    installedQuantity: integer("installed_quantity").notNull().default(0),
  },
  (t) => [index("project_equipment_project_idx").on(t.projectId, t.position)],
);

/** External parties' access to a project (a supervisor, client or designer user invited to it). */
export const projectMembers = pgTable(
  "project_members",
  {
    projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    party: text("party").$type<"supervisor" | "client" | "designer" | "vendor">().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("project_members_user_idx").on(t.userId), index("project_members_project_idx").on(t.projectId)],
);
