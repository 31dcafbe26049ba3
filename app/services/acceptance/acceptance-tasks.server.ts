// The acceptance's links and invitations. On request (and on each revision) the supervisor gets a
// signing link for the pre-acceptance; the client and the design unit get the meeting invitation.
// After the supervisor signs, the client and the design unit get their signing links. Everyone
// gets the same calendar event (UID per project, SEQUENCE = round), so a revision updates it.
import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "#db/client";
import { acceptancePlans, projects, reviewTasks, signatures, users } from "#db/schema";
import { renderEmail } from "#templates/email/layout";
import { addDays, shanghaiDate } from "~/lib/calendar";
import { enqueueEmail } from "~/lib/mail/enqueue.server";
import { env } from "~/lib/env.server";
import { createPartyTask, partyRecipient, type Recipient } from "~/services/review/party-tasks.server";
import { buildAcceptanceInvite, inviteAttachment } from "./calendar-invite";

type ProjectRow = typeof projects.$inferSelect;
type Party = "supervisor" | "client" | "designer";

const PARTY_NAMES: Record<Party, string> = { supervisor: "监理单位", client: "建设单位", designer: "设计单位" };

function partiesOf(project: ProjectRow): Party[] {
  return project.designCompanyId ? ["supervisor", "client", "designer"] : ["supervisor", "client"];
}

async function meeting(tx: Db, project: ProjectRow) {
  const [plan] = await tx.select().from(acceptancePlans).where(eq(acceptancePlans.projectId, project.id));
  const [pm] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, project.pmId));
  const attendees: Recipient[] = [];
  for (const party of partiesOf(project)) {
    const r = await partyRecipient(tx, project, party);
    if (r) attendees.push(r);
  }
  const where = plan?.place || project.siteAddress;
  const line = plan ? `竣工验收定于 ${plan.agreedDate} ${plan.startTime}，地点：${where}。日历邀请见附件（acceptance.ics）。` : "";
  const invite = (method: "REQUEST" = "REQUEST") =>
    plan && pm
      ? inviteAttachment(buildAcceptanceInvite({
          uid: `acceptance-${project.id}@${new URL(env().PUBLIC_URL).hostname}`,
          sequence: plan.round,
          projectCode: project.code,
          projectName: project.name,
          siteAddress: project.siteAddress,
          date: plan.agreedDate,
          startTime: plan.startTime,
          place: plan.place,
          organizer: pm,
          attendees: attendees.map((a) => ({ name: a.name || a.organisation, email: a.email })),
          description: `项目：${project.code} ${project.name}\n地址：${project.siteAddress}\n请各方准时参加竣工验收。`,
          now: new Date(),
          method,
        }))
      : null;
  return { plan, line, invite };
}

/** Link lifetime: until two weeks after the agreed date (an acceptance may be set months ahead). */
function linkDays(plan: { agreedDate: string } | undefined): number {
  if (!plan) return 30;
  const today = shanghaiDate(new Date().toISOString());
  const days = Math.round((Date.parse(addDays(plan.agreedDate, 14)) - Date.parse(today)) / 86_400_000);
  return Math.max(14, days);
}

/** Links for `stage`: the supervisor's pre-acceptance, or the client's and design unit's signatures. */
export async function sendAcceptanceLinks(tx: Db, project: ProjectRow, stage: "supervisor" | "parties"): Promise<void> {
  const { plan, line, invite } = await meeting(tx, project);
  const signers: Party[] = stage === "supervisor" ? ["supervisor"] : partiesOf(project).filter((p) => p !== "supervisor");
  const missing: Party[] = [];
  for (const party of signers) {
    const task = await createPartyTask(tx, {
      projectId: project.id, kind: "acceptance", party, createdBy: null, expiresInDays: linkDays(plan),
      extra: {
        paragraphs: [
          line,
          party === "supervisor"
            ? "请您审查竣工验收报审表（B.0.10）及所附资料，填写预验收意见并签章；预验收合格后，建设单位和设计单位将收到签署链接。"
            : "监理单位已完成预验收并签章，请您审阅竣工验收单并签章。",
        ].filter(Boolean),
        attachments: () => (stage === "supervisor" && invite() ? [invite()!] : []),
      },
    });
    if (!task) missing.push(party);
  }
  if (stage === "supervisor") await inviteOtherParties(tx, project, line, invite());
  if (missing.length) await noSignerNotice(tx, project, missing);
}

/** The client and design unit are told the date now (with the invitation); their links come later. */
async function inviteOtherParties(tx: Db, project: ProjectRow, line: string, ics: ReturnType<typeof inviteAttachment> | null): Promise<void> {
  for (const party of partiesOf(project).filter((p) => p !== "supervisor")) {
    const r = await partyRecipient(tx, project, party);
    if (!r) continue;
    const body = renderEmail({
      title: `竣工验收邀请：${project.name}`,
      paragraphs: [
        `${r.name || r.organisation}：您好！`,
        `项目「${project.name}」（${project.code}，${project.siteAddress}）已申请竣工验收。${line}`,
        "监理单位预验收签章后，您将另行收到竣工验收单的签署链接。",
        `Project "${project.name}" (${project.code}) requests completion acceptance. The calendar invitation is attached; your signing link follows after the supervisor's pre-acceptance.`,
      ],
    });
    await enqueueEmail(tx, {
      template: "acceptance.invite",
      projectId: project.id,
      payload: { to: [r.email], subject: `【${project.code}】竣工验收邀请：${project.name}`, text: body.text, html: body.html, attachments: ics ? [ics] : [] },
    });
  }
}

async function noSignerNotice(tx: Db, project: ProjectRow, missing: Party[]): Promise<void> {
  const [pm] = await tx.select({ email: users.email }).from(users).where(eq(users.id, project.pmId));
  if (!pm) return;
  const who = missing.map((p) => PARTY_NAMES[p]).join("、");
  const body = renderEmail({
    title: `竣工验收签署链接无法发送：${project.name}`,
    paragraphs: [
      `项目「${project.name}」（${project.code}）的竣工验收需由${who}签章，但该单位没有填写电子邮箱的联系人，也没有该方的项目成员，签署链接未能发出。`,
      "请在单位资料中补充联系人邮箱后，在竣工验收页面重新发送签署链接。",
      `The acceptance signing link could not be sent: ${missing.join(", ")} has no contact with an e-mail address.`,
    ],
    action: { label: "打开竣工验收 / Open acceptance", url: `${env().PUBLIC_URL}/projects/${project.id}/acceptance` },
  });
  await enqueueEmail(tx, { template: "review.noReviewer", projectId: project.id, payload: { to: [pm.email], subject: `【${project.code}】竣工验收签署链接无法发送：缺少${who}联系人邮箱`, text: body.text, html: body.html } });
}

/**
 * A round ends on rejection or revision: its open links stop working. A revision also voids the
 * signatures of earlier rounds — they signed content that is no longer the content.
 */
export async function endAcceptanceRound(tx: Db, projectId: string, voidSignatures: boolean, at = new Date()): Promise<void> {
  await tx
    .update(reviewTasks)
    .set({ revokedAt: at })
    .where(and(eq(reviewTasks.projectId, projectId), eq(reviewTasks.kind, "acceptance"), isNull(reviewTasks.decidedAt), isNull(reviewTasks.revokedAt)));
  if (!voidSignatures) return;
  const [plan] = await tx.select({ round: acceptancePlans.round }).from(acceptancePlans).where(eq(acceptancePlans.projectId, projectId));
  if (!plan) return;
  await tx
    .update(signatures)
    .set({ voidedAt: at })
    .where(and(eq(signatures.projectId, projectId), eq(signatures.documentKind, "completion"), lt(signatures.documentVersion, plan.round), isNull(signatures.voidedAt)));
}
