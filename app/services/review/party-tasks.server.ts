// Who a party's task goes to, what its e-mail says, and the creators other use cases call
// (commencement review, material requests, rectification notices).
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, contacts, projectMembers, projects, users, type EmailAttachmentRef } from "#db/schema";
import { createReviewTask, type ProjectRow } from "./review-tasks.server";
import type { ReviewParty, ReviewTaskKind } from "./task-types";

export interface Recipient {
  name: string;
  email: string;
  organisation: string;
}

const PARTY_COMPANY = { supervisor: "supervisionCompanyId", client: "clientId", designer: "designCompanyId" } as const;

/**
 * The party's reviewer: the first contact with an e-mail of the party's company on the project,
 * else a user who is a member of the project for that party; null when nobody can be reached.
 */
export async function partyRecipient(tx: Db, project: ProjectRow, party: ReviewParty): Promise<Recipient | null> {
  const companyId = project[PARTY_COMPANY[party]] as string | null;
  let organisation = "";
  if (companyId) {
    const [company] = await tx.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
    organisation = company?.name ?? "";
    const [contact] = await tx
      .select({ name: contacts.name, email: contacts.email })
      .from(contacts)
      .where(and(eq(contacts.companyId, companyId), ne(contacts.email, "")))
      .orderBy(asc(contacts.createdAt), asc(contacts.name))
      .limit(1);
    if (contact) return { name: contact.name, email: contact.email, organisation };
  }
  const [member] = await tx
    .select({ name: users.name, email: users.email, companyName: companies.name })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(and(eq(projectMembers.projectId, project.id), eq(projectMembers.party, party), isNull(users.disabledAt)))
    .orderBy(asc(projectMembers.createdAt))
    .limit(1);
  return member ? { name: member.name, email: member.email, organisation: organisation || member.companyName || "" } : null;
}

const WHAT: Record<ReviewTaskKind, string> = {
  commencement: "工程开工报审表（B.0.2）审批",
  materialInspection: "工程材料/构配件/设备报审表（B.0.6）审查",
  rectificationIssue: "监理通知单（A.0.3）签发入口",
  rectificationVerification: "监理通知回复单（B.0.9）复查",
  acceptance: "竣工验收签署",
};
const WHAT_EN: Record<ReviewTaskKind, string> = {
  commencement: "review the commencement application (B.0.2)",
  materialInspection: "review a material/equipment entry request (B.0.6)",
  rectificationIssue: "issue rectification notices (A.0.3) for this project",
  rectificationVerification: "verify a rectification reply (B.0.9)",
  acceptance: "sign the completion acceptance",
};

/** The e-mail of a task: rebuilt the same way when the pm resends it. */
export function taskEmail(kind: ReviewTaskKind, project: Pick<ProjectRow, "code" | "name" | "siteAddress">, recipient: Pick<Recipient, "name" | "organisation">) {
  return {
    subject: `【${project.code}】请${WHAT[kind]}：${project.name}`,
    paragraphs: [
      `${recipient.name || recipient.organisation}：您好！`,
      `项目「${project.name}」（${project.code}，${project.siteAddress}）请您${WHAT[kind]}。请点击下方链接查看内容，填写意见并签名（可手写签名或输入姓名），上传单位印章图片。`,
      `Project "${project.name}" (${project.code}): please ${WHAT_EN[kind]}. Open the link below, give your opinion and sign.`,
    ],
  };
}

/** Days a link stays usable: the standing issue link lasts for the construction period. */
const EXPIRES: Partial<Record<ReviewTaskKind, number>> = { rectificationIssue: 120, acceptance: 30 };

export async function createPartyTask(
  tx: Db,
  input: {
    projectId: string; kind: ReviewTaskKind; party: ReviewParty; subjectId?: string | null; createdBy: string | null;
    expiresInDays?: number;
    /** More for the e-mail: the meeting's date and place, a calendar invitation. */
    extra?: { paragraphs: string[]; attachments?: (recipient: Recipient) => EmailAttachmentRef[] };
  },
): Promise<{ taskId: string; token: string; link: string; recipient: Recipient } | null> {
  const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId));
  if (!project) return null;
  const recipient = await partyRecipient(tx, project, input.party);
  if (!recipient) return null;
  const email = taskEmail(input.kind, project, recipient);
  return createReviewTask(tx, {
    projectId: project.id,
    kind: input.kind,
    subjectId: input.subjectId ?? null,
    party: input.party,
    recipientName: recipient.name,
    recipientEmail: recipient.email,
    organisation: recipient.organisation,
    createdBy: input.createdBy,
    expiresInDays: input.expiresInDays ?? EXPIRES[input.kind] ?? 14,
    email: {
      ...email,
      paragraphs: [email.paragraphs[0], ...(input.extra?.paragraphs ?? []), ...email.paragraphs.slice(1)],
      attachments: input.extra?.attachments?.(recipient),
    },
  }).then((task) => ({ ...task, recipient }));
}

/** For the material-request use case: the supervisor reviews B.0.6 by link. Null = no supervisor address. */
export function createMaterialReviewTask(tx: Db, { projectId, inspectionId, createdBy }: { projectId: string; inspectionId: string; createdBy: string | null }) {
  return createPartyTask(tx, { projectId, kind: "materialInspection", party: "supervisor", subjectId: inspectionId, createdBy });
}

/** A standing link for the supervisor to issue A.0.3 notices on this project. */
export function createRectificationIssueTask(tx: Db, { projectId, createdBy }: { projectId: string; createdBy: string | null }) {
  return createPartyTask(tx, { projectId, kind: "rectificationIssue", party: "supervisor", createdBy });
}

/** The supervisor verifies a B.0.9 reply by link. */
export function createVerificationTask(tx: Db, { projectId, replyId, createdBy }: { projectId: string; replyId: string; createdBy: string | null }) {
  return createPartyTask(tx, { projectId, kind: "rectificationVerification", party: "supervisor", subjectId: replyId, createdBy });
}
