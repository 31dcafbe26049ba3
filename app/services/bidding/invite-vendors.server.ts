// Use case: the pm invites installation companies to quote. One invitation (and one e-mail with
// its own secret link) per company, all in one transaction with the project row locked.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, companies, contacts, quoteInvitations, type projects } from "#db/schema";
import { renderEmail } from "#templates/email/layout";
import { isValidDate, isValidInstant } from "~/lib/calendar";
import { env } from "~/lib/env.server";
import type { FieldErrors } from "~/lib/forms";
import { enqueueEmail } from "~/lib/mail/enqueue.server";
import { kickOutbox } from "~/lib/mail/worker.server";
import { newLinkToken } from "~/lib/public-links.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import { formatInstant } from "~/services/admin/format-time.server";
import { biddingAccess, lockBiddingProject } from "./list-bidding.server";

export interface InviteInput {
  invites: { vendorId: string; contactId: string }[];
  scope: string;
  drawings: string;
  requirements: string;
  deadline: Date;
}

export type InviteResult =
  | { ok: true; invitations: { id: string; vendorId: string; token: string; link: string }[] }
  | { ok: false; errors: FieldErrors; formError?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "2026-10-20" + "17:30" read as Beijing time; null when either part is not a real date/time. */
export function shanghaiInstant(date: string, time: string): Date | null {
  if (!isValidDate(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  return new Date(`${date}T${time}:00+08:00`);
}

/** The shared checks of the page form and the API body; field names are the page's. */
export function checkInviteInput(raw: { invites: { vendorId: string; contactId: string }[]; scope: string; drawings: string; requirements: string; deadline: Date | null; deadlineField?: string }, now: Date): { ok: true; data: InviteInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const deadlineField = raw.deadlineField ?? "deadlineDate";
  if (raw.invites.length === 0) errors.vendors = "bidding.invite.noneChosen";
  if (raw.invites.length > 50) errors.vendors = "form.tooLong";
  for (const i of raw.invites) {
    if (!UUID.test(i.vendorId)) errors.vendors = "form.invalidChoice";
    else if (!UUID.test(i.contactId)) errors[`contact[${i.vendorId}]`] = "bidding.invite.contactRequired";
  }
  if (!raw.scope.trim()) errors.scope = "form.required";
  if (raw.scope.length > 4000) errors.scope = "form.tooLong";
  if (raw.drawings.length > 2000) errors.drawings = "form.tooLong";
  if (raw.requirements.length > 4000) errors.requirements = "form.tooLong";
  if (!raw.deadline) errors[deadlineField] = "bidding.invite.deadlineInvalid";
  else if (raw.deadline.getTime() <= now.getTime()) errors[deadlineField] = "bidding.invite.deadlinePast";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: { invites: raw.invites, scope: raw.scope.trim(), drawings: raw.drawings.trim(), requirements: raw.requirements.trim(), deadline: raw.deadline! } };
}

/** The page form: `invite[<companyId>]=on` checkboxes, `contact[<companyId>]` selects, date + time. */
export function readInviteForm(form: FormData, now: Date) {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "intent") values[k] = v;
  const invites = Object.keys(values)
    .map((k) => /^invite\[(.+)\]$/.exec(k)?.[1])
    .filter((id): id is string => Boolean(id))
    .map((vendorId) => ({ vendorId, contactId: values[`contact[${vendorId}]`] ?? "" }));
  const checked = checkInviteInput(
    { invites, scope: values.scope ?? "", drawings: values.drawings ?? "", requirements: values.requirements ?? "", deadline: shanghaiInstant(values.deadlineDate ?? "", values.deadlineTime ?? "") },
    now,
  );
  return { ...checked, values };
}

/** The API body: {vendorId, contactId, scope, drawings, requirements, deadline (ISO instant)}. */
export function readInviteJson(body: Record<string, unknown>, now: Date) {
  const s = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
  const deadline = isValidInstant(s("deadline")) ? new Date(s("deadline")) : null;
  return checkInviteInput({ invites: [{ vendorId: s("vendorId"), contactId: s("contactId") }], scope: s("scope"), drawings: s("drawings"), requirements: s("requirements"), deadline, deadlineField: "deadline" }, now);
}

type Project = typeof projects.$inferSelect;

/** Writes one invitation and its e-mail; the caller holds the project lock. */
export async function issueInvitation(
  tx: Db,
  project: Project,
  vendor: { id: string; name: string },
  contact: { id: string | null; name: string; email: string },
  terms: { scope: string; drawings: string; requirements: string; deadline: Date },
  createdBy: string,
): Promise<{ id: string; vendorId: string; token: string; link: string }> {
  const { token, hash } = newLinkToken();
  const [row] = await tx
    .insert(quoteInvitations)
    .values({ projectId: project.id, vendorId: vendor.id, contactId: contact.id, email: contact.email, tokenHash: hash, ...terms, createdBy })
    .returning({ id: quoteInvitations.id });
  const link = `${env().PUBLIC_URL.replace(/\/$/, "")}/q/${token}`;
  const deadline = formatInstant(terms.deadline);
  const body = renderEmail({
    title: `报价邀请：${project.name}`,
    paragraphs: [
      `${contact.name || vendor.name}：您好！`,
      `诚邀贵公司（${vendor.name}）就项目「${project.name}」（${project.code}，${project.siteAddress}）的安装工程报价。`,
      `施工范围：${terms.scope}`,
      ...(terms.drawings ? [`施工图纸：${terms.drawings}`] : []),
      ...(terms.requirements ? [`要求：${terms.requirements}`] : []),
      `报价截止时间：${deadline}（北京时间）`,
      "请点击下方链接填写或修改报价，无需注册账号；链接在截止时间后失效，请勿转发。",
      `You are invited to quote for the installation work of "${project.name}". Deadline: ${deadline} (Beijing time). Use the link below; no account is needed.`,
    ],
    action: { label: "填写报价 / Submit quote", url: link },
  });
  await enqueueEmail(tx, {
    template: "bidding.invitation",
    projectId: project.id,
    payload: { to: [contact.email], subject: `【${project.code}】报价邀请：${project.name}`, text: body.text, html: body.html },
  });
  return { id: row.id, vendorId: vendor.id, token, link };
}

export async function inviteVendors(db: Db, user: SessionUser, projectId: string, input: InviteInput, info: RequestInfo = { ip: "", userAgent: "" }): Promise<InviteResult> {
  class Refused extends Error {
    constructor(readonly result: Extract<InviteResult, { ok: false }>) {
      super("refused");
    }
  }
  try {
    const result = await db.transaction(async (tx) => {
      const locked = await lockBiddingProject(tx, projectId);
      if ("refusal" in locked) throw new Refused({ ok: false, errors: {}, formError: locked.refusal });
      const { project } = locked;
      if (biddingAccess(user, project) !== "edit") throw new Refused({ ok: false, errors: {}, formError: "error.notFound" });
      const errors: FieldErrors = {};
      const chosen: { vendor: { id: string; name: string }; contact: { id: string; name: string; email: string } }[] = [];
      const now = new Date();
      for (const { vendorId, contactId } of input.invites) {
        const [vendor] = await tx
          .select({ id: companies.id, name: companies.name })
          .from(companies)
          .where(and(eq(companies.id, vendorId), eq(companies.kind, "installer"), isNull(companies.archivedAt)));
        if (!vendor) {
          errors.vendors = "form.invalidChoice";
          continue;
        }
        const [contact] = await tx.select({ id: contacts.id, name: contacts.name, email: contacts.email }).from(contacts).where(and(eq(contacts.id, contactId), eq(contacts.companyId, vendorId)));
        if (!contact || !contact.email.includes("@")) {
          errors[`contact[${vendorId}]`] = "bidding.invite.contactRequired";
          continue;
        }
        const [active] = await tx
          .select({ id: quoteInvitations.id })
          .from(quoteInvitations)
          .where(and(eq(quoteInvitations.projectId, projectId), eq(quoteInvitations.vendorId, vendorId), isNull(quoteInvitations.revokedAt), gt(quoteInvitations.deadline, now)))
          .limit(1);
        if (active) {
          errors[`contact[${vendorId}]`] = "bidding.invite.alreadyActive";
          continue;
        }
        chosen.push({ vendor, contact });
      }
      if (Object.keys(errors).length) throw new Refused({ ok: false, errors });
      const invitations = [];
      for (const c of chosen) invitations.push(await issueInvitation(tx, project, c.vendor, c.contact, input, user.id));
      await tx.insert(auditEvents).values({
        projectId,
        actorUserId: user.id,
        actorLabel: user.name,
        role: "pm",
        ip: info.ip,
        userAgent: info.userAgent,
        event: "VENDORS_INVITED",
        fromStage: project.stage,
        toStage: project.stage,
        projectVersion: project.version,
        payload: { vendors: chosen.map((c) => c.vendor.name), deadline: input.deadline.toISOString() },
      });
      return { ok: true as const, invitations };
    });
    kickOutbox();
    return result;
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
}
