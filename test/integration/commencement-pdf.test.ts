// The B.0.2 PDF carries the application, both opinions, the signers and their images; it is
// re-issued only when something printed changed; another project's pm gets 404.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { createSession } from "~/lib/session.server";
import * as pdfRoute from "~/routes/projects.$projectId.commencement[.]pdf";
import * as page from "~/routes/r.$token";
import { issueCommencementPdf } from "~/services/site/commencement-pdf.server";
import { makeUser } from "../support/factories";
import { pdfText } from "../support/pdf";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { args, dataUrl, enterReview, payloadOf, PNG_1x1, signForm, tokenFrom } from "./review-fixture";

describe(`commencement PDF (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  let ctx: Awaited<ReturnType<typeof enterReview>>;

  const sign = async (to: string, fields: Record<string, string>) => {
    const mail = (await db.select().from(s.outbox).where(eq(s.outbox.projectId, ctx.project.id))).find((m) => m.payload.to.includes(to) && m.template === "review.commencement")!;
    const token = tokenFrom(mail.payload.text);
    const hash = payloadOf<{ view: { hash: string } }>(await page.loader(args(new Request(`http://localhost/r/${token}`), { token }))).view.hash;
    const r = await page.action(args(signForm(token, { contentHash: hash, ...fields }, new Blob([PNG_1x1], { type: "image/png" })), { token }));
    expect(payloadOf(r)).toEqual({ done: "approved" });
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    ctx = await enterReview(db);
  });
  afterAll(async () => t?.drop());

  it("before any opinion: the form with blank opinion blocks", async () => {
    const doc = await issueCommencementPdf(db, { projectId: ctx.project.id, user: ctx.pm });
    const [file] = await db.select().from(s.files).where(eq(s.files.id, doc!.fileId));
    const text = await pdfText(Buffer.from(file.bytes));
    expect(text).toContain("工程开工报审表");
    expect(text).toContain("申请于 2026-12-01 开工");
    expect(text).toContain("440101********1234");
    expect(text).not.toContain("199001011234");
    expect(doc!.number).toMatch(/^KG-/);
  });

  it("after both approvals: opinions, names, organisations; a new version", async () => {
    await sign("li@jianli.test", { decision: "approved", opinion: "资料齐全，同意开工。<b>HTML</b>", signerName: "李总监", signerRole: "总监理工程师", signature: dataUrl });
    await sign("chen@client.test", { decision: "approved", opinion: "同意按期开工", signerName: "陈代表", signerRole: "建设单位代表", typedSignature: "陈代表" });
    const doc = await issueCommencementPdf(db, { projectId: ctx.project.id, user: ctx.pm });
    expect(doc!.version).toBe(2);
    const [file] = await db.select().from(s.files).where(eq(s.files.id, doc!.fileId));
    const text = await pdfText(Buffer.from(file.bytes));
    for (const expected of ["资料齐全，同意开工。<b>HTML</b>", "同意按期开工", "李总监", "陈代表", ctx.supervision.name, ctx.client.name, "总监理工程师", "审核意见", "审批意见", "王项目"]) expect(text).toContain(expected);
    const again = await issueCommencementPdf(db, { projectId: ctx.project.id, user: ctx.pm });
    expect(again!.id).toBe(doc!.id);
  });

  it("the route serves the pm; another pm gets 404", async () => {
    const cookie = (await createSession(db, ctx.pm.id, { ip: "", userAgent: "" })).split(";")[0];
    const ok = await pdfRoute.loader({ request: new Request("http://localhost/x", { headers: { Cookie: cookie } }), params: { projectId: ctx.project.id }, context: {} } as never);
    expect((ok as Response).headers.get("Content-Type")).toContain("application/pdf");
    const other = await makeUser(db, ["pm"]);
    const otherCookie = (await createSession(db, other.id, { ip: "", userAgent: "" })).split(";")[0];
    const refused = await pdfRoute.loader({ request: new Request("http://localhost/x", { headers: { Cookie: otherCookie } }), params: { projectId: ctx.project.id }, context: {} } as never).catch((e: unknown) => e);
    expect((refused as { init?: { status?: number } }).init?.status).toBe(404);
  });
});
