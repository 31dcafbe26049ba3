// The form a task asks to sign, as a PDF for the signer to read, print or keep: the commencement
// application, or for an acceptance the B.0.10 (the supervisor) / the certificate (client, design
// unit) with the signatures given so far. Issued through the document registry like any copy.
import type { Db } from "#db/client";
import { getDocumentFile } from "~/services/documents/find-document.server";
import { issueAcceptanceApplication, issueCompletionCertificate } from "~/services/acceptance/acceptance-pdfs.server";
import { issueCommencementPdf } from "~/services/site/commencement-pdf.server";
import { resolveReviewTask } from "./review-tasks.server";

export async function taskDocument(db: Db, token: string | undefined): Promise<{ bytes: Buffer; name: string } | null> {
  const resolved = await resolveReviewTask(db, token);
  if (!resolved.ok) return null;
  const { task, project } = resolved;
  const document = task.kind === "commencement" ? await issueCommencementPdf(db, { projectId: project.id, user: null })
    : task.kind === "acceptance" && task.party === "supervisor" ? await issueAcceptanceApplication(db, { projectId: project.id, userId: null })
    : task.kind === "acceptance" ? await issueCompletionCertificate(db, { projectId: project.id, userId: null })
    : null;
  if (!document) return null;
  const file = await getDocumentFile(db, document);
  return file ? { bytes: Buffer.from(file.bytes), name: file.name } : null;
}
