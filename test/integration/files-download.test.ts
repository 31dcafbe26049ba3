// GET /files/:id — who may read which stored file, and the headers that make it safe to open.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { companyQualifications, files, projectMembers, type Role } from "#db/schema";
import { createSession } from "~/lib/session.server";
import * as download from "~/routes/files.$fileId";
import { makeCompany, makeProject, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

type Args = Parameters<typeof download.loader>[0];
const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");

describe(`file download (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  const cookies: Record<string, string> = {};
  const f: Record<string, string> = {};

  async function signIn(name: string, roles: Role[]) {
    const u = await makeUser(db, roles);
    cookies[name] = (await createSession(db, u.id, { ip: "", userAgent: "" })).split(";")[0];
    return u;
  }
  async function store(values: Partial<typeof files.$inferInsert>) {
    const [row] = await db.insert(files).values({ name: "a.pdf", mime: "application/pdf", size: PDF.length, sha256: "abc123", bytes: PDF, ...values }).returning();
    return row.id;
  }
  /** The response, or what the loader threw (a 404 data() or a redirect), as a status. */
  async function get(who: string | null, id: string, query = ""): Promise<{ status: number; res?: Response }> {
    const request = new Request(`http://localhost/files/${id}${query}`, { headers: who ? { Cookie: cookies[who] } : {} });
    try {
      const res = await download.loader({ request, params: { fileId: id }, context: {} } as unknown as Args);
      return { status: res.status, res };
    } catch (e) {
      if (e instanceof Response) return { status: e.status, res: e };
      return { status: (e as { init?: { status?: number } }).init?.status ?? 500 };
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    const pm = await signIn("pm", ["pm"]);
    await signIn("pm2", ["pm"]);
    await signIn("boss", ["management"]);
    await signIn("fin", ["finance"]);
    await signIn("admin", ["admin"]);
    const client = await signIn("client", ["client"]);
    await signIn("clientOutsider", ["client"]);
    await signIn("vendorUser", ["vendor"]);
    await signIn("sup", ["supervisor"]);
    const project = await makeProject(db, pm);
    await db.insert(projectMembers).values({ projectId: project.id, userId: client.id, party: "client" });
    f.project = await store({ projectId: project.id, name: "比价表 \"终稿\".pdf" });
    f.csv = await store({ projectId: project.id, name: "lines.csv", mime: "text/csv", bytes: Buffer.from("a,b\n") });
    const vendor = await makeCompany(db, "installer");
    f.qualification = await store({ name: "营业执照.png", mime: "image/png" });
    await db.insert(companyQualifications).values({ companyId: vendor.id, kind: "businessLicence", number: "1", fileId: f.qualification });
    f.orphan = await store({ name: "orphan.pdf" });
  });
  afterAll(async () => t?.drop());

  it("a project's file: its pm, roles that see every project and invited parties — 404 for the rest", async () => {
    for (const who of ["pm", "boss", "fin", "admin", "client"]) expect((await get(who, f.project)).status, who).toBe(200);
    for (const who of ["pm2", "clientOutsider", "sup", "vendorUser"]) expect((await get(who, f.project)).status, who).toBe(404);
  });

  it("a qualification scan: pm, management, admin, finance — 404 for a client, supervisor or vendor user", async () => {
    for (const who of ["pm", "pm2", "boss", "fin", "admin"]) expect((await get(who, f.qualification)).status, who).toBe(200);
    for (const who of ["client", "sup", "vendorUser"]) expect((await get(who, f.qualification)).status, who).toBe(404);
  });

  it("anything else is 404, signed-out users go to the login page", async () => {
    expect((await get("admin", f.orphan)).status).toBe(404);
    expect((await get("admin", "00000000-0000-0000-0000-000000000000")).status).toBe(404);
    expect((await get("admin", "../etc/passwd")).status).toBe(404);
    const anon = await get(null, f.project);
    expect(anon.status).toBe(302);
    expect(anon.res!.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/files/${f.project}`)}`);
  });

  it("sends the bytes with the stored type, inline for PDFs and images, safe headers", async () => {
    const { res } = await get("pm", f.project);
    expect(Buffer.from(await res!.arrayBuffer()).equals(PDF)).toBe(true);
    expect(res!.headers.get("Content-Type")).toBe("application/pdf");
    expect(res!.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res!.headers.get("Cache-Control")).toBe("private, max-age=0");
    const disposition = res!.headers.get("Content-Disposition")!;
    expect(disposition).toMatch(/^inline; filename="[^"]*"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe("比价表 终稿.pdf");

    const image = (await get("fin", f.qualification)).res!;
    expect(image.headers.get("Content-Type")).toBe("image/png");
    expect(image.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("营业执照.png")}`);
    expect(image.headers.get("Content-Disposition")).toMatch(/^inline;/);

    expect((await get("pm", f.project, "?download=1")).res!.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    // A type a browser would render as a page is never inline.
    expect((await get("pm", f.csv)).res!.headers.get("Content-Disposition")).toMatch(/^attachment; filename="lines.csv"/);
  });
});
