// Moves a ticket one step (ticket-flow.ts says which steps exist and when). One transaction: the
// ticket row locked, the step checked, the version compared and set, the fields and times written,
// a ticketEvents row, and the step's effects (the arrival due time at diagnosis, the quote link,
// the survey link at confirmation). Nothing is half-written: a refusal rolls everything back.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { files, projects, serviceTickets, ticketEvents, ticketPhotos, userRoles, users } from "#db/schema";
import { shanghaiDate } from "~/lib/calendar";
import { kickOutbox } from "~/lib/mail/kick.server";
import { formatFen } from "~/lib/money";
import type { SessionUser } from "~/lib/session.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import { sha256Hex } from "~/lib/tokens.server";
import { warrantyClock } from "~/services/projects/warranty-clock";
import { decodeSignaturePng } from "~/services/review/signature-input.server";
import { contractCovering } from "./maintenance-contracts.server";
import { createServiceQuote, latestQuote } from "./service-quote.server";
import { createSurveyLink } from "./survey-link.server";
import { canViewTicket } from "./ticket-step-access.server";
import { coverageDecision, coverageRefusal, isTicketStep, readStepInput, statusAfter, stepRefusal, type Raw, type StepData, type TicketStep } from "./ticket-flow";
import { CAUSE_CATEGORIES, EXCLUSIONS, SLA } from "./vocabulary";
import { addWorkingHours, workingHoursConfig } from "./working-hours";

export const MAX_RESOLUTION_PHOTOS = 8;

export interface TicketStepInput {
  ticketId: string;
  user: SessionUser;
  step: string;
  input: Raw;
  expectedVersion: unknown;
  info: { ip: string; userAgent?: string };
  /** Resolution photos (already sniffed by readMultipartForm) and their upload errors. */
  photos?: ReceivedFile[];
  uploadErrors?: Record<string, string>;
  now?: Date;
}

export type TicketStepResult =
  | { ok: true; step: TicketStep; status: string; version: number; surveyLink: string | null; quoteLink: string | null }
  | { ok: false; status: 400 | 403 | 404 | 409; errors: Record<string, string>; formError: string | null };

class Refused extends Error {
  constructor(readonly result: Extract<TicketStepResult, { ok: false }>) {
    super(result.formError ?? "refused");
  }
}
const refuse = (status: 400 | 403 | 404 | 409, formError: string | null, errors: Record<string, string> = {}): never => {
  throw new Refused({ ok: false, status, errors, formError });
};

type Ticket = typeof serviceTickets.$inferSelect;
type Tx = Db;

/** What the event row says about the step, besides the status change. */
function eventNote(data: StepData, extra: string): string {
  switch (data.step) {
    case "contact":
      return data.note;
    case "diagnose":
      return `${data.diagnosis}${extra ? `\n${extra}` : ""}`;
    case "quote":
      return `${formatFen(data.amountFen)}，有效期至 ${data.validUntil}`;
    case "resolve":
      return `${CAUSE_CATEGORIES.find((c) => c.code === data.causeCategory)?.zh ?? data.causeCategory}：${data.resolution}`;
    case "confirm":
      return `客户确认：${data.signerName}`;
    case "close":
      return data.reason;
    default:
      return extra;
  }
}

async function storeFile(tx: Tx, projectId: string, userId: string, f: { name: string; mime: string; bytes: Buffer }) {
  const [row] = await tx.insert(files).values({ projectId, name: f.name, mime: f.mime, size: f.bytes.length, sha256: sha256Hex(f.bytes), bytes: f.bytes, uploadedBy: userId }).returning({ id: files.id });
  return row.id;
}

async function isServiceUser(tx: Tx, userId: string): Promise<{ name: string } | null> {
  const [row] = await tx
    .select({ name: users.name })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "service")))
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .limit(1);
  return row ?? null;
}

/** The fields a step writes (besides status, version, updatedAt) and the extra note for the event. */
async function stepChanges(tx: Tx, ticket: Ticket, project: typeof projects.$inferSelect, data: StepData, o: TicketStepInput, now: Date) {
  const set: Partial<typeof serviceTickets.$inferInsert> = {};
  let extra = "";
  let quoteLink: string | null = null;
  switch (data.step) {
    case "assign": {
      const person = await isServiceUser(tx, data.assignedTo);
      if (!person) refuse(400, null, { assignedTo: "serviceFlow.assign.notService" });
      set.assignedTo = data.assignedTo;
      if (!ticket.assignedAt) set.assignedAt = now;
      extra = `指派给 ${person!.name}`;
      break;
    }
    case "contact":
      set.contactedAt = now;
      break;
    case "diagnose": {
      const today = shanghaiDate(now.toISOString());
      const clock = warrantyClock((project.snapshot as { context?: { acceptedOn?: string | null; warrantyEndsOn?: string | null } } | null)?.context, today);
      const contract = await contractCovering(tx, project.id, today);
      // The server decides; the form's choice must agree (a forged "warranty" is refused).
      const decision = coverageDecision({ warrantyEndsOn: clock?.endsOn ?? null, today, exclusion: data.exclusion, contract });
      const refusal = coverageRefusal(data.coverage, decision);
      if (refusal) refuse(400, null, { coverage: refusal });
      set.diagnosis = data.diagnosis;
      set.coverage = decision.coverage;
      set.exclusion = decision.exclusion;
      set.maintenanceContractId = decision.maintenanceContractId;
      set.diagnosedAt = now;
      set.arrivalDueAt = addWorkingHours(now, SLA.arrivalWorkingHours[ticket.area === "suburb" ? "suburb" : "city"], workingHoursConfig());
      const exclusion = decision.exclusion ? EXCLUSIONS.find((e) => e.code === decision.exclusion)?.zh : null;
      extra = decision.coverage === "warranty" ? "保修期内免费" : decision.coverage === "contract" ? `维保合同 ${contract?.number ?? ""}`.trim() : `有偿服务${exclusion ? `（${exclusion}）` : ""}`;
      break;
    }
    case "quote": {
      const email = data.email || ticket.contactEmail.trim();
      if (!email) refuse(400, null, { email: "serviceFlow.quote.emailRequired" });
      if (data.email && data.email !== ticket.contactEmail) set.contactEmail = data.email;
      quoteLink = (await createServiceQuote(tx, { ticketId: ticket.id, amountFen: data.amountFen, items: data.items, validUntil: data.validUntil, email, createdBy: o.user.id, now })).link;
      break;
    }
    case "schedule":
      if (data.scheduledFor.getTime() < ticket.receivedAt.getTime()) refuse(400, null, { scheduledFor: "serviceFlow.schedule.past" });
      set.scheduledFor = data.scheduledFor;
      extra = `预约 ${shanghaiDate(data.scheduledFor.toISOString())} ${new Date(data.scheduledFor.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}`;
      break;
    case "arrive":
      set.onSiteAt = now;
      break;
    case "resolve": {
      if (o.uploadErrors?.photos) refuse(400, null, { photos: o.uploadErrors.photos });
      const photos = o.photos ?? [];
      if (photos.length > MAX_RESOLUTION_PHOTOS) refuse(400, null, { photos: "serviceFlow.resolve.tooManyPhotos" });
      for (const p of photos) {
        const fileId = await storeFile(tx, project.id, o.user.id, p);
        await tx.insert(ticketPhotos).values({ ticketId: ticket.id, fileId, stage: "resolution", createdAt: now });
      }
      Object.assign(set, { causeCategory: data.causeCategory, partsReplaced: data.partsReplaced, minutesSpent: data.minutesSpent, resolution: data.resolution, resolvedAt: now });
      break;
    }
    case "confirm": {
      const decoded = decodeSignaturePng(data.signature);
      if ("error" in decoded) refuse(400, null, { signature: decoded.error });
      const png = (decoded as { png: Buffer }).png;
      set.customerSignatureFileId = await storeFile(tx, project.id, o.user.id, { name: `客户签名-${ticket.number}.png`, mime: "image/png", bytes: png });
      set.customerSignerName = data.signerName;
      set.confirmedAt = now;
      break;
    }
    case "close":
      if (ticket.status !== "surveyed" && !data.reason) refuse(400, null, { reason: "serviceFlow.close.reasonRequired" });
      set.closedAt = now;
      break;
  }
  return { set, extra, quoteLink };
}

/**
 * Takes one step of a ticket for a staff user. Refusals: 404 (no such ticket or not visible),
 * 403 (may read but not act), 409 (not now, or changed meanwhile), 400 (input, with field errors).
 */
export async function applyTicketStep(db: Db, o: TicketStepInput): Promise<TicketStepResult> {
  const now = o.now ?? new Date();
  if (!isTicketStep(o.step)) return { ok: false, status: 400, errors: { step: "form.invalidChoice" }, formError: null };
  const step = o.step;
  const expected = Number(o.expectedVersion);
  try {
    const result = await db.transaction(async (tx) => {
      const [row] = await tx.select({ ticket: serviceTickets, project: projects }).from(serviceTickets).innerJoin(projects, eq(projects.id, serviceTickets.projectId)).where(eq(serviceTickets.id, o.ticketId)).for("update", { of: serviceTickets });
      if (!row || !canViewTicket(o.user, row.project)) return refuse(404, "error.notFound");
      const { ticket, project } = row;
      const quote = ticket.status === "quoted" ? await latestQuote(tx, ticket.id) : null;
      const flow = { status: ticket.status, coverage: ticket.coverage ?? null, quoteDecision: quote?.decision ?? null, confirmedAt: ticket.confirmedAt };
      const refusal = stepRefusal(step, flow, o.user.roles, now);
      if (refusal === "serviceFlow.refused.role" || refusal === "serviceFlow.refused.surveyByCustomer") refuse(403, refusal);
      if (!Number.isInteger(expected) || expected !== ticket.version) refuse(409, "serviceFlow.changedMeanwhile");
      if (refusal) refuse(409, refusal);
      const read = readStepInput(step, o.input, { today: shanghaiDate(now.toISOString()), now });
      if (!read.ok) refuse(400, null, read.errors);
      const data = (read as { data: StepData }).data;
      const { set, extra, quoteLink } = await stepChanges(tx, ticket, project, data, o, now);
      const toStatus = statusAfter(step, ticket.status);
      const [updated] = await tx
        .update(serviceTickets)
        .set({ ...set, status: toStatus, version: ticket.version + 1, updatedAt: now })
        .where(and(eq(serviceTickets.id, ticket.id), eq(serviceTickets.version, expected)))
        .returning({ version: serviceTickets.version });
      if (!updated) refuse(409, "serviceFlow.changedMeanwhile");
      await tx.insert(ticketEvents).values({ ticketId: ticket.id, at: now, actorUserId: o.user.id, actorLabel: o.user.name, action: step, fromStatus: ticket.status, toStatus, note: eventNote(data, extra).slice(0, 4000), ip: o.info.ip.slice(0, 100) });
      let surveyLink: string | null = null;
      if (step === "confirm") {
        surveyLink = (await createSurveyLink(tx, { id: ticket.id, projectId: ticket.projectId, number: ticket.number, contactEmail: set.contactEmail ?? ticket.contactEmail, reporterName: ticket.reporterName }, now))?.link ?? null;
      }
      return { ok: true as const, step, status: toStatus, version: updated.version, surveyLink, quoteLink };
    });
    if (result.quoteLink || result.surveyLink) kickOutbox();
    return result;
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
}
