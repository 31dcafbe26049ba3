import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companies, outbox, users } from "#db/schema";
import { parseForm } from "~/lib/forms";
import { addContact } from "~/services/admin/add-contact.server";
import { getAdminOverview } from "~/services/admin/admin-overview.server";
import { companySchema, contactSchema } from "~/services/admin/company-form.server";
import { createCompany } from "~/services/admin/create-company.server";
import { getCompanyWithContacts } from "~/services/admin/get-company.server";
import { listCompanies } from "~/services/admin/list-companies.server";
import { removeContact } from "~/services/admin/remove-contact.server";
import { updateCompany } from "~/services/admin/update-company.server";
import { updateContact } from "~/services/admin/update-contact.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

function form(values: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  return fd;
}

describe(`admin: companies and contacts (${testDriver()})`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("validates the credit code: optional, 18 characters, GB 32100 check character", () => {
    const base = { kind: "client", name: "某建设单位" };
    const empty = parseForm(companySchema, form({ ...base, creditCode: "  " }));
    expect(empty.ok && empty.data.creditCode).toBe(null);
    const pasted = parseForm(companySchema, form({ ...base, creditCode: " 9135 0100 m000 100y 43" }));
    expect(pasted.ok && pasted.data.creditCode).toBe("91350100M000100Y43");
    const short = parseForm(companySchema, form({ ...base, creditCode: "91350100M000100Y4" }));
    expect(!short.ok && short.errors.creditCode).toBe("admin.company.creditCodeLength");
    const wrong = parseForm(companySchema, form({ ...base, creditCode: "91350100M000100Y44" }));
    expect(!wrong.ok && wrong.errors.creditCode).toBe("admin.company.creditCodeInvalid");
    expect(!wrong.ok && wrong.values.creditCode).toBe("91350100M000100Y44");
    const badKind = parseForm(companySchema, form({ kind: "bank", name: "" }));
    expect(!badKind.ok && badKind.errors).toMatchObject({ kind: "form.invalidChoice", name: "form.required" });
  });

  it("refuses a second company with the same credit code beside the field, on create and on edit", async () => {
    const first = await createCompany(database.db, { kind: "installer", name: "福州某安装公司", creditCode: "91350100M000100Y43", address: "福州", phone: "0591-0000000" });
    expect(first.ok).toBe(true);
    const dup = await createCompany(database.db, { kind: "client", name: "另一家", creditCode: "91350100M000100Y43", address: "", phone: "" });
    expect(dup).toEqual({ ok: false, errors: { creditCode: "admin.company.creditCodeTaken" } });

    // Companies without a code do not collide with each other.
    const a = await createCompany(database.db, { kind: "design", name: "设计院甲", creditCode: null, address: "", phone: "" });
    const b = await createCompany(database.db, { kind: "design", name: "设计院乙", creditCode: null, address: "", phone: "" });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok) return;
    const edit = await updateCompany(database.db, a.id, { kind: "design", name: "设计院甲", creditCode: "91350100M000100Y43", address: "", phone: "" });
    expect(edit).toEqual({ ok: false, errors: { creditCode: "admin.company.creditCodeTaken" } });
    const [row] = await database.db.select().from(companies).where(eq(companies.id, a.id));
    expect(row.creditCode).toBeNull();

    const ok = await updateCompany(database.db, a.id, { kind: "design", name: "设计院甲（改）", creditCode: "91110000100006485K", address: "北京", phone: "" });
    expect(ok.ok).toBe(true);
  });

  it("lists by kind and searches by name or code", async () => {
    const designs = await listCompanies(database.db, { kind: "design", limit: 50, offset: 0 });
    expect(designs.items.map((c) => c.name).sort()).toEqual(["设计院乙", "设计院甲（改）"]);
    const byCode = await listCompanies(database.db, { q: "485K", limit: 50, offset: 0 });
    expect(byCode.items.map((c) => c.name)).toEqual(["设计院甲（改）"]);
    const overview = await getAdminOverview(database.db);
    expect(overview.companies).toMatchObject({ design: 2, installer: 1, client: 0 });
  });

  it("counts each company's contacts in the list", async () => {
    const firm = await createCompany(database.db, { kind: "client", name: "有联系人的甲方", creditCode: null, address: "", phone: "" });
    if (!firm.ok) throw new Error("setup failed");
    await addContact(database.db, firm.id, { name: "甲", title: "", phone: "", email: "" });
    await addContact(database.db, firm.id, { name: "乙", title: "", phone: "", email: "" });
    const listed = await listCompanies(database.db, { q: "有联系人的甲方", limit: 50, offset: 0 });
    expect(listed.items.map((c) => c.contactCount)).toEqual([2]);
  });

  it("adds, edits and removes contacts only within their company", async () => {
    const own = await createCompany(database.db, { kind: "supervision", name: "监理公司", creditCode: null, address: "", phone: "" });
    const other = await createCompany(database.db, { kind: "client", name: "别家", creditCode: null, address: "", phone: "" });
    if (!own.ok || !other.ok) throw new Error("setup failed");

    const bad = parseForm(contactSchema, form({ name: "王工", email: "wang@" }));
    expect(!bad.ok && bad.errors.email).toBe("form.invalidEmail");
    const good = parseForm(contactSchema, form({ name: "王工", title: "总监", phone: "139", email: " Wang@Example.com " }));
    expect(good.ok).toBe(true);
    if (!good.ok) return;
    expect(good.data.email).toBe("wang@example.com");
    const noEmail = parseForm(contactSchema, form({ name: "李工", email: "" }));
    expect(noEmail.ok).toBe(true);

    const { id } = await addContact(database.db, own.id, good.data);
    expect(await updateContact(database.db, other.id, id, { ...good.data, name: "冒名" })).toBe(false);
    expect(await updateContact(database.db, own.id, id, { ...good.data, title: "总监理工程师" })).toBe(true);
    let found = await getCompanyWithContacts(database.db, own.id);
    expect(found?.contacts).toEqual([{ id, name: "王工", title: "总监理工程师", phone: "139", email: "wang@example.com" }]);

    expect(await removeContact(database.db, other.id, id)).toBe("notFound");
    expect(await removeContact(database.db, own.id, id)).toBe("removed");
    found = await getCompanyWithContacts(database.db, own.id);
    expect(found?.contacts).toEqual([]);
    expect(await getCompanyWithContacts(database.db, "x")).toBeNull();
  });

  it("counts users and outbox states for the admin home", async () => {
    await database.db.insert(outbox).values([
      { kind: "email", template: "t", payload: { to: ["a@example.com"], subject: "s", text: "x" } },
      { kind: "email", template: "t", payload: { to: ["a@example.com"], subject: "s", text: "x" }, status: "failed" },
    ]);
    const overview = await getAdminOverview(database.db);
    const [{ n }] = await database.db.select({ n: count() }).from(users);
    expect(overview.users.total).toBe(n);
    expect(overview.outbox).toMatchObject({ pending: 1, failed: 1, sent: 0 });
  });
});
