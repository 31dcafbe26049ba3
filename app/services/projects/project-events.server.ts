import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "#db/client";
import { projectMembers, type projects } from "#db/schema";
import { EVENT_LABELS } from "#machines/labels";
import { eventsForRole, explain } from "#machines/runtime";
import { EVENT_ROLES, EVENT_TYPES, type Actor, type EventType, type Party, type ProjectMachineEvent, type Refusal } from "#machines/types";
import type { Locale } from "~/i18n";
import { parseForm, pathKey, type FieldErrors } from "~/lib/forms";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import { applyEvent } from "./apply-event.server";
import { EVENT_PAYLOADS, type EventField } from "./event-payloads";
import { loadFacts } from "./facts.server";
import { refusalsText } from "./refusal-text";

type ProjectRow = typeof projects.$inferSelect;
const PARTIES: Party[] = ["supervisor", "client", "designer"];

/** Refusals that only say the sender has not filled the event's own fields yet. */
const INPUT_CODES = new Set(["REASON_REQUIRED", "COMMENT_REQUIRED", "REJECTION_ITEMS_REQUIRED", "AWARD_REASON_REQUIRED", "AWARD_VENDOR_NOT_VALID", "CONTRACT_FIELDS_MISSING", "CONTRACT_FILE_MISSING", "AMOUNT_INVALID", "PAYMENT_EXCEEDS_OUTSTANDING"]);

/**
 * The role this user acts in for this event on this project, or null. A pm acts only on their own
 * projects; a supervisor, client or designer only where invited as that party.
 */
export async function actorFor(db: Db, user: SessionUser, project: ProjectRow, type: EventType): Promise<Actor | null> {
  const allowed = EVENT_ROLES[type];
  for (const role of user.roles) {
    if (!allowed.includes(role)) continue;
    if (role === "pm" && project.pmId !== user.id) continue;
    if ((PARTIES as string[]).includes(role)) {
      const [member] = await db
        .select({ party: projectMembers.party })
        .from(projectMembers)
        .where(and(eq(projectMembers.projectId, project.id), eq(projectMembers.userId, user.id), eq(projectMembers.party, role as Party)));
      if (!member) continue;
      return { userId: user.id, role, party: role as Party, label: user.name };
    }
    return { userId: user.id, role, party: null, label: user.name };
  }
  return null;
}

export interface ProjectEventsView {
  version: number;
  allowed: { type: EventType; label: string; fields: EventField[] }[];
  blocked: { type: EventType; label: string; missing: string[] }[];
}

/** The events this user could send now (buttons) and, for the others of this stage, what is missing. */
export async function getProjectEventsView(db: Db, project: ProjectRow, user: SessionUser, locale: Locale = "zh-CN"): Promise<ProjectEventsView> {
  const candidates = new Set<EventType>();
  for (const role of user.roles) eventsForRole(project.snapshot, role).forEach((t) => candidates.add(t));
  const view: ProjectEventsView = { version: project.version, allowed: [], blocked: [] };
  const now = new Date();
  for (const type of EVENT_TYPES.filter((t) => candidates.has(t) && t !== "TICK")) {
    const actor = await actorFor(db, user, project, type);
    if (!actor) continue;
    const facts = await loadFacts(db, project, type, {}, now);
    const event = { type, at: now.toISOString(), actor, payload: placeholderPayload(type), facts } as ProjectMachineEvent;
    const missing = explain(project.snapshot, event).filter((r) => !INPUT_CODES.has(r.code));
    const label = EVENT_LABELS[type][locale];
    if (missing.length === 0) view.allowed.push({ type, label, fields: EVENT_PAYLOADS[type].fields });
    else view.blocked.push({ type, label, missing: refusalsText(missing, locale) });
  }
  return view;
}

/** A payload shaped like a real one, so guards that read it do not fail on a missing property. */
function placeholderPayload(type: EventType): Record<string, unknown> {
  if (type === "REJECT_ACCEPTANCE") return { items: [] };
  if (type === "RECORD_PAYMENT") return { amountFen: 0 };
  if (type === "RECORD_CONTRACT") return { contractNo: "", amountFen: 0, signedOn: "", fileId: "" };
  if (type === "AWARD") return { vendorId: "", reason: "" };
  return { reason: "", comment: "", opinion: "" };
}

export type SendEventResult =
  | { ok: true; version: number; stage: string }
  | { ok: false; status: 400 | 403 | 404 | 409 | 422; message: string; refusals: Refusal[]; fieldErrors?: FieldErrors; values?: Record<string, string> };

export interface SendEventInput {
  projectId: string;
  user: SessionUser;
  type: string;
  /** From a page form, or a JSON body from the API. */
  formData?: FormData;
  json?: Record<string, unknown>;
  expectedVersion?: number;
  info: RequestInfo;
  locale: Locale;
}

/** One path for pages and API: authorise for this record, validate the input, then applyEvent. */
export async function sendProjectEvent(db: Db, input: SendEventInput): Promise<SendEventResult> {
  const project = await requireVisibleProject(db, input.user, input.projectId);
  type Failure = Extract<SendEventResult, { ok: false }>;
  const fail = (status: Failure["status"], refusals: Refusal[], extra: Partial<Failure> = {}): Failure => ({
    ok: false,
    status,
    refusals,
    message: refusalsText(refusals, input.locale).join("；"),
    ...extra,
  });
  if (!(EVENT_TYPES as string[]).includes(input.type) || input.type === "TICK") return fail(400, [{ code: "EVENT_INVALID" }]);
  const type = input.type as EventType;
  const actor = await actorFor(db, input.user, project, type);
  if (!actor) return fail(403, [{ code: "ROLE_NOT_ALLOWED", params: { role: input.user.roles.join(",") } }]);

  const { schema } = EVENT_PAYLOADS[type];
  let payload: Record<string, unknown>;
  if (input.formData) {
    const parsed = parseForm(schema, input.formData);
    if (!parsed.ok) return fail(400, [{ code: "EVENT_INVALID" }], { fieldErrors: parsed.errors, values: parsed.values, message: "" });
    payload = parsed.data;
  } else {
    const parsed = (schema as z.ZodTypeAny).safeParse(input.json ?? {});
    if (!parsed.success) {
      const fieldErrors: FieldErrors = {};
      for (const issue of parsed.error.issues) fieldErrors[pathKey(issue.path)] ??= issue.message;
      return fail(400, [{ code: "EVENT_INVALID" }], { fieldErrors, message: "" });
    }
    payload = parsed.data;
  }

  const result = await applyEvent(db, { projectId: project.id, type, payload, actor, info: input.info, expectedVersion: input.expectedVersion });
  if (result.ok) return { ok: true, version: result.version, stage: result.toStage };
  const status = result.kind === "notFound" ? 404 : result.kind === "conflict" ? 409 : 422;
  return fail(status, result.refusals);
}
