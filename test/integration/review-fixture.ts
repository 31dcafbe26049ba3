// Shared set-up of the review-link tests (not a test file itself).
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { reach } from "#machines/fixtures";
import { sha256Hex } from "~/lib/tokens.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import { makeCompany, makeProject, makeUser } from "../support/factories";

// A 1×1 PNG (a real image) as the canvas would send it.
export const PNG_1x1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
export const dataUrl = `data:image/png;base64,${PNG_1x1.toString("base64")}`;

export { payloadOf, statusOf } from "../support/route-results";
export const args = (request: Request, params: Record<string, string>, ip = "10.1.0.1") => ({ request, params, context: { ip } }) as never;
export const tokenFrom = (text: string) => /\/r\/([A-Za-z0-9_-]+)/.exec(text)![1];

export async function enterReview(db: Db, opts: { supervisorEmail?: boolean } = {}) {
  const pm = await makeUser(db, ["pm"], { name: "王项目" });
  const supervision = await makeCompany(db, "supervision", `华南监理-${Math.random().toString(36).slice(2, 6)}`);
  const client = await makeCompany(db, "client", `天河置业-${Math.random().toString(36).slice(2, 6)}`);
  if (opts.supervisorEmail !== false) await db.insert(s.contacts).values({ companyId: supervision.id, name: "李总监", email: "li@jianli.test" });
  await db.insert(s.contacts).values({ companyId: client.id, name: "陈代表", email: "chen@client.test" });
  const project = await makeProject(db, pm, { name: "天河写字楼新风<script>", clientId: client.id, supervisionCompanyId: supervision.id, plannedStartOn: "2026-12-01", stage: "entry", snapshot: reach("entry") });
  const [file] = await db.insert(s.files).values({ projectId: project.id, name: "合格证.pdf", mime: "application/pdf", size: 4, sha256: sha256Hex("%PDF"), bytes: Buffer.from("%PDF") }).returning();
  await db.insert(s.certificates).values({ projectId: project.id, name: "新风主机合格证", number: "HG-1", expiresOn: "2027-12-31", fileId: file.id });
  const [member] = await db.insert(s.crewMembers).values({ projectId: project.id, name: "张三", position: "电工", idNumber: "440101199001011234" }).returning();
  await db.insert(s.credentials).values({ crewMemberId: member.id, type: "电工证", number: "T440101199001011234", expiresOn: "2028-01-01" });
  const r = await applyEvent(db, { projectId: project.id, type: "SUBMIT_COMMENCEMENT", payload: {}, actor: { userId: pm.id, role: "pm" }, info: { ip: "", userAgent: "" } });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return { pm, project, supervision, client, certificateFileId: file.id };
}

export function signForm(token: string, fields: Record<string, string>, seal?: Blob) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (seal) fd.append("seal", seal, "seal.png");
  return new Request(`http://localhost/r/${token}`, { method: "POST", body: fd, headers: { "User-Agent": "vitest-ua" } });
}

