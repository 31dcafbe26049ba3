// What a task shows: the document content (the exact object the signature hash covers), the files
// its download route may serve, and earlier opinions. One loader for every task kind.
import { eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { files, rectificationReplies } from "#db/schema";
import { commencementFileIds, loadCommencementContent, loadCommencementOpinions, type CommencementContent, type CommencementOpinion } from "~/services/site/commencement-content.server";
import { acceptanceFileIds, loadAcceptanceContent, loadAcceptanceSigners } from "~/services/acceptance/acceptance-content.server";
import type { AcceptanceContent, AcceptanceSigner } from "~/services/acceptance/content-types";
import { loadMaterialInspection } from "~/services/site/material-decision.server";
import { loadRectification } from "~/services/site/rectification-link.server";
import { contentSha256 } from "./record-signature.server";
import type { ProjectRow, ReviewTaskRow } from "./review-tasks.server";

export interface MaterialContent {
  form: "B.0.6";
  project: { code: string; name: string; siteAddress: string };
  inspection: { id: string; title: string; enteredOn: string | null; placeOfUse: string; selfCheck: string; status: string };
  items: { name: string; spec: string; quantity: string; placeOfUse: string; certificateFileId: string | null; certificateSha256: string | null }[];
}
export interface VerificationContent {
  form: "B.0.9";
  project: { code: string; name: string; siteAddress: string };
  notice: { id: string; number: string; subject: string; content: string; deadlineOn: string | null; status: string; issuedBy: string };
  reply: { id: string; content: string; createdAt: string };
  earlierReplies: { content: string; createdAt: string; verdict: string | null; verifierComment: string }[];
}
export interface IssueContent {
  form: "A.0.3";
  project: { code: string; name: string; siteAddress: string };
}

export type TaskView =
  | { kind: "acceptance"; content: AcceptanceContent; opinions: AcceptanceSigner[]; documentKind: "completion"; documentVersion: number; hash: string; fileIds: string[] }
  | { kind: "commencement"; content: CommencementContent; opinions: CommencementOpinion[]; documentKind: "commencement"; documentVersion: number; hash: string; fileIds: string[] }
  | { kind: "materialInspection"; content: MaterialContent; opinions: []; documentKind: "materialInspection"; documentVersion: 1; hash: string; fileIds: string[]; pending: boolean }
  | { kind: "rectificationVerification"; content: VerificationContent; opinions: []; documentKind: "rectificationReply"; documentVersion: 1; hash: string; fileIds: string[]; pending: boolean }
  | { kind: "rectificationIssue"; content: IssueContent; opinions: []; documentKind: "rectificationNotice"; documentVersion: 1; hash: string; fileIds: string[] };

const projectPart = (p: ProjectRow) => ({ code: p.code, name: p.name, siteAddress: p.siteAddress });

/** Null when the task's subject is gone or belongs to another project (the page then refuses generically). */
export async function loadTaskView(db: Db, task: ReviewTaskRow, project: ProjectRow): Promise<TaskView | null> {
  switch (task.kind) {
    case "commencement": {
      const content = await loadCommencementContent(db, project.id);
      if (!content) return null;
      // Earlier opinions of this round: the client sees the supervisor's.
      const opinions = await loadCommencementOpinions(db, project.id, content.round);
      return { kind: "commencement", content, opinions, documentKind: "commencement", documentVersion: content.round, hash: contentSha256(content), fileIds: commencementFileIds(content) };
    }
    case "acceptance": {
      const content = await loadAcceptanceContent(db, project.id);
      if (!content || content.round === 0) return null;
      // Earlier signatures of this round: the client and the design unit see the supervisor's opinion.
      const opinions = (await loadAcceptanceSigners(db, project.id, content.round)).filter((s) => !s.voided);
      return { kind: "acceptance", content, opinions, documentKind: "completion", documentVersion: content.round, hash: contentSha256(content), fileIds: acceptanceFileIds(content) };
    }
    case "materialInspection": {
      const inspection = task.subjectId ? await loadMaterialInspection(db, task.subjectId) : null;
      if (!inspection || inspection.projectId !== project.id) return null;
      const ids = inspection.items.map((i) => i.certificateFileId).filter((id): id is string => Boolean(id));
      const hashes = ids.length ? await db.select({ id: files.id, sha256: files.sha256 }).from(files).where(inArray(files.id, ids)) : [];
      const content: MaterialContent = {
        form: "B.0.6",
        project: projectPart(project),
        inspection: { id: inspection.id, title: inspection.title, enteredOn: inspection.enteredOn, placeOfUse: inspection.placeOfUse, selfCheck: inspection.selfCheck, status: "pending" },
        items: inspection.items.map((i) => ({ ...i, certificateSha256: hashes.find((h) => h.id === i.certificateFileId)?.sha256 ?? null })),
      };
      return { kind: "materialInspection", content, opinions: [], documentKind: "materialInspection", documentVersion: 1, hash: contentSha256(content), fileIds: ids, pending: inspection.status === "pending" };
    }
    case "rectificationVerification": {
      if (!task.subjectId || !/^[0-9a-f-]{36}$/i.test(task.subjectId)) return null;
      const [reply] = await db.select({ rectificationId: rectificationReplies.rectificationId }).from(rectificationReplies).where(eq(rectificationReplies.id, task.subjectId));
      const notice = reply ? await loadRectification(db, reply.rectificationId) : null;
      const current = notice?.replies.find((r) => r.id === task.subjectId);
      if (!notice || !current || notice.projectId !== project.id) return null;
      const content: VerificationContent = {
        form: "B.0.9",
        project: projectPart(project),
        notice: { id: notice.id, number: notice.number, subject: notice.subject, content: notice.content, deadlineOn: notice.deadlineOn, status: notice.status, issuedBy: notice.issuedBy },
        reply: { id: current.id, content: current.content, createdAt: current.createdAt.toISOString() },
        earlierReplies: notice.replies.filter((r) => r.id !== current.id && r.createdAt <= current.createdAt).map((r) => ({ content: r.content, createdAt: r.createdAt.toISOString(), verdict: r.verdict, verifierComment: r.verifierComment })),
      };
      return { kind: "rectificationVerification", content, opinions: [], documentKind: "rectificationReply", documentVersion: 1, hash: contentSha256(content), fileIds: [], pending: current.verdict === null };
    }
    case "rectificationIssue": {
      const content: IssueContent = { form: "A.0.3", project: projectPart(project) };
      return { kind: "rectificationIssue", content, opinions: [], documentKind: "rectificationNotice", documentVersion: 1, hash: contentSha256(content), fileIds: [] };
    }
    default:
      return null;
  }
}
