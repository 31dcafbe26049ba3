import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Db } from "#db/client";
import { contacts, projectMembers, projects, rectifications, userRoles, users, type Role } from "#db/schema";
import type { Effect, Party } from "#machines/types";
import { PARTY_LABELS, STAGE_LABELS } from "#machines/labels";
import { stageOf } from "#machines/runtime";
import { buildStageNotice, isStageNoticeTemplate } from "#templates/email/stage-notice";
import { renderEmail } from "#templates/email/layout";
import { createPartyTask } from "~/services/review/party-tasks.server";
import { endAcceptanceRound, sendAcceptanceLinks } from "~/services/acceptance/acceptance-tasks.server";
import { settlementAttachments } from "~/services/settlement/settlement-mail.server";
import { enqueueEmail } from "~/lib/mail/enqueue.server";
import { env } from "~/lib/env.server";
import type { StateValue } from "xstate";

type ProjectRow = typeof projects.$inferSelect;
type Audience = "pm" | Role | Party;

/** Who hears about what. External parties are reached through their company's contacts and invited users. */
export const AUDIENCES: Record<string, Audience[]> = {
  decisionRequested: ["management"],
  biddingReopened: ["pm"],
  vendorAwarded: ["pm"],
  commencementReviewRequested: [], // the party comes with the effect (supervisor, then client)
  commencementRejected: ["pm"],
  commencementApproved: ["pm"],
  acceptanceRequested: [], // links and invitations: acceptance-tasks.server.ts
  acceptanceSignaturesRequested: [],
  acceptanceSigned: ["pm"],
  acceptanceRejected: ["pm"],
  projectAccepted: ["pm", "client", "finance"],
  projectCancelled: ["pm", "management"],
  settlementSubmitted: ["finance"],
  settlementReturned: ["pm"],
  settlementApproved: ["pm", "client"],
  settlementRevised: ["finance"],
  paymentRecorded: ["pm"],
  retentionDue: ["finance", "client"],
  retentionReleased: ["pm", "client"],
  warrantyExpiring: ["client", "pm", "service"],
  warrantyExpired: ["client", "pm", "service"],
  projectClosed: ["pm", "management"],
};

/** Where a notice's button leads, when not the project page: management decides on the comparison. */
const NOTICE_PAGES: Record<string, string> = {
  settlementSubmitted: "settlement",
  settlementReturned: "settlement",
  settlementRevised: "settlement",
  paymentRecorded: "settlement",
  retentionDue: "settlement",
  acceptanceRejected: "rectifications",
  acceptanceSigned: "acceptance",
  decisionRequested: "comparison",
  vendorAwarded: "contract",
  biddingReopened: "bidding",
};

const PARTY_COMPANY: Record<Party, keyof ProjectRow> = {
  supervisor: "supervisionCompanyId",
  client: "clientId",
  designer: "designCompanyId",
};

async function addressesFor(tx: Db, project: ProjectRow, audience: Audience[]): Promise<string[]> {
  const found = new Set<string>();
  if (audience.includes("pm")) {
    const [pm] = await tx.select({ email: users.email }).from(users).where(eq(users.id, project.pmId));
    if (pm) found.add(pm.email);
  }
  const roles = audience.filter((a): a is Role => ["management", "finance", "service", "admin"].includes(a));
  if (roles.length) {
    const staff = await tx
      .selectDistinct({ email: users.email })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .where(and(inArray(userRoles.role, roles), isNull(users.disabledAt)));
    staff.forEach((s) => found.add(s.email));
  }
  const parties = audience.filter((a): a is Party => a === "supervisor" || a === "client" || a === "designer");
  for (const party of parties) {
    const members = await tx
      .select({ email: users.email })
      .from(projectMembers)
      .innerJoin(users, eq(users.id, projectMembers.userId))
      .where(and(eq(projectMembers.projectId, project.id), eq(projectMembers.party, party), isNull(users.disabledAt)));
    members.forEach((m) => found.add(m.email));
    const companyId = project[PARTY_COMPANY[party]] as string | null;
    if (companyId) {
      const people = await tx.select({ email: contacts.email }).from(contacts).where(and(eq(contacts.companyId, companyId), ne(contacts.email, "")));
      people.forEach((p) => found.add(p.email));
    }
  }
  return [...found].sort();
}

/**
 * Turns the machine's effects into rows in the same transaction: notifications become outbox
 * e-mails (sent after commit), rejection items become rectification notices.
 */
export async function recordEffects(tx: Db, project: ProjectRow, toValue: StateValue, effects: Effect[]): Promise<void> {
  for (const effect of effects) {
    if (effect.name === "createRectifications") {
      const items = (effect.params?.items as string[] | undefined) ?? [];
      // Items from a rejected acceptance become notices on the project, closed the usual way (reply, verification).
      const by = (project.snapshot as { context?: { lastRejection?: { by?: string } | null } }).context?.lastRejection?.by ?? "";
      const issuedBy = by === "supervisor" || by === "client" || by === "designer" ? `${PARTY_LABELS[by]["zh-CN"]}（竣工验收）` : "竣工验收";
      if (items.length) await tx.insert(rectifications).values(items.map((subject) => ({ projectId: project.id, subject, issuedVia: "acceptance" as const, issuedBy })));
      continue;
    }
    if (effect.name === "endAcceptanceRound") {
      await endAcceptanceRound(tx, project.id, Boolean(effect.params?.voidSignatures));
      continue;
    }
    if (effect.name !== "notify") continue;
    const template = String(effect.params?.template ?? "");
    const party = effect.params?.party as Party | undefined;
    // The reviewing party gets a task link (review, decide, sign) rather than a plain notice.
    if (template === "commencementReviewRequested" && (party === "supervisor" || party === "client")) {
      const task = await createPartyTask(tx, { projectId: project.id, kind: "commencement", party, createdBy: null });
      if (!task) await noReviewerNotice(tx, project, party);
      continue;
    }
    // The acceptance's signers get links (and the meeting invitation) rather than plain notices.
    if (template === "acceptanceRequested" || template === "acceptanceSignaturesRequested") {
      await sendAcceptanceLinks(tx, project, template === "acceptanceRequested" ? "supervisor" : "parties");
      continue;
    }
    const audience = [...(AUDIENCES[template] ?? []), ...(party ? [party] : [])];
    const to = await addressesFor(tx, project, audience);
    if (to.length === 0 || !isStageNoticeTemplate(template)) continue;
    const stage = stageOf(toValue);
    const content = buildStageNotice(template, {
      projectCode: project.code,
      projectName: project.name,
      stageLabel: STAGE_LABELS[stage]["zh-CN"],
      url: `${env().PUBLIC_URL}/projects/${project.id}${NOTICE_PAGES[template] ? `/${NOTICE_PAGES[template]}` : ""}`,
      extra: noticeExtra(template, project),
    });
    const attachments = await settlementAttachments(tx, project, template);
    await enqueueEmail(tx, { template, projectId: project.id, payload: { ...content, to, ...(attachments.length ? { attachments } : {}) } });
  }
}

/** The warranty notices say the last day (the machine's context, Civil Code rule) in so many words. */
function noticeExtra(template: string, project: ProjectRow): string | undefined {
  if (template !== "warrantyExpiring" && template !== "warrantyExpired") return undefined;
  const endsOn = (project.snapshot as { context?: { warrantyEndsOn?: string | null } }).context?.warrantyEndsOn;
  if (!endsOn) return undefined;
  return template === "warrantyExpiring"
    ? `保修期至 ${endsOn}（含当日），请在此之前联系我们续签维保合同。The warranty's last day is ${endsOn}.`
    : `保修期至 ${endsOn}（含当日），已届满。The warranty ended on ${endsOn}.`;
}

/** Nobody of that party can be reached: the pm is told to add a contact and resend. */
async function noReviewerNotice(tx: Db, project: ProjectRow, party: "supervisor" | "client"): Promise<void> {
  const to = await addressesFor(tx, project, ["pm"]);
  if (!to.length) return;
  const who = party === "supervisor" ? "监理单位" : "建设单位";
  const body = renderEmail({
    title: `开工报审无法发送：${project.name}`,
    paragraphs: [
      `项目「${project.name}」（${project.code}）的工程开工报审表需由${who}审批，但该单位没有填写电子邮箱的联系人，也没有该方的项目成员，审批链接未能发出。`,
      `请在单位资料中补充联系人邮箱后，重新发送审批链接（POST /api/v1/projects/${project.id}/review-tasks）。`,
      `The commencement review could not be sent: the ${party} has no contact with an e-mail address. Add one, then send the review link again.`,
    ],
    action: { label: "打开项目 / Open project", url: `${env().PUBLIC_URL}/projects/${project.id}` },
  });
  await enqueueEmail(tx, { template: "review.noReviewer", projectId: project.id, payload: { to, subject: `【${project.code}】开工报审无法发送：缺少${who}联系人邮箱`, text: body.text, html: body.html } });
}
