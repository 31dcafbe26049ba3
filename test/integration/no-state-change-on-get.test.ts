// No state change on GET (quality.md, "Sessions" line): every route module under app/routes is
// found on disk — a route added tomorrow is included without touching this file — and every
// loader is called with GET as each demo user (one per role, through a real session cookie and an
// API token) and without any sign-in, with real ids: the demo data (projects in every stage up to
// handover, a ticket, signatures), plus a document, links and API tokens made below. The whole
// database (every row of every table) is fingerprinted before and after each route: nothing may
// change, except the named exceptions at the top, each with its reason.
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { seedDemoData } from "#db/seed";
import { DEMO_USERS } from "#db/seed-fixtures";
import { createSession } from "~/lib/session.server";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { sha256Hex } from "~/lib/tokens.server";
import { issueCommencementPdf } from "~/services/site/commencement-pdf.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");

/**
 * Columns a GET may write, and why. They are left out of the fingerprint; review_tasks.opened_at
 * is also checked to be written once (null → time), never moved.
 */
const WRITTEN_ON_GET: Record<string, { columns: string[]; reason: string }> = {
  review_tasks: {
    columns: ["opened_at"],
    reason: "the first time a signing link is opened is part of the signing record (sent / viewed / signed on the PDF's last page)",
  },
  quote_invitations: {
    columns: ["last_opened_at"],
    reason: "the pm sees when an invited installer last opened its quote link",
  },
  api_tokens: {
    columns: ["last_used_at"],
    reason: "admins see when a token was last used, to spot an unused or leaked one",
  },
};

/**
 * Rows a GET may create the first time it shows something that has an identity of its own, and
 * only then: the same GET again must change nothing (checked for every route that used this).
 */
const CREATED_ON_FIRST_GET: { route: RegExp; tables: string[]; reason: string }[] = [
  {
    route: /(\[\.\]pdf|_\.pdf|\[\.\]zip)\.ts$/,
    tables: ["documents", "files"],
    reason: "printing a document issues it: its bytes are stored with a verification code, so /v/<code> can prove a copy genuine; unchanged data prints the same document (and a changed one supersedes it)",
  },
  {
    route: /^(r|q|sq|sv|s|v)\.|^api\.v1\.(links|survey-links|service-requests|documents)\./,
    tables: ["public_hits"],
    reason: "public pages reached by a code or token count hits per address (all hits on /v/<code>, failed ones on links) to rate-limit guessing; old hits are pruned",
  },
  {
    route: /warranty/,
    tables: ["service_codes"],
    reason: "a handed-over project's public service code (the warranty card's QR code) is made the first time it is shown; one per project, never changed",
  },
];

/**
 * Loaders that answer no caller with 200 here, and why. Any other loader must answer someone with
 * 200 (or be a POST-only API endpoint answering 405), so the ids above stay real.
 */
const NOT_REACHED: Record<string, string> = {
  "lang.tsx": "redirect only: the language is switched by POST",
  "logout.tsx": "redirect only: signing out is a POST",
  "projects.$projectId.events.tsx": "redirect only: events are POSTed",
  "admin.mail.$id.eml.ts": "the .eml file exists once the outbox worker has written it (not running here)",
  "projects.$projectId.bidding.files.$fileId.ts": "the demo data has no quote attachments",
  "r.$token_.files.$fileId.ts": "the demo commencement application has no attached files",
};

/** Everything else a GET writes is a bug — a logout by link, a prefetch that decides something. */

type Fingerprint = Map<string, string[]>;

let t: TestDatabase;
let db: Db;
let tables: string[];

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** A hash of every row of every table (minus the columns above), as a multiset per table. */
async function fingerprint(): Promise<Fingerprint> {
  const parts = tables.map((table) => {
    const skip = WRITTEN_ON_GET[table]?.columns ?? [];
    const json = skip.length ? `(to_jsonb(x) - array[${skip.map((c) => `'${c}'`).join(",")}]::text[])` : "to_jsonb(x)";
    return `select '${table}' as t, md5(${json}::text) as h from "${table}" x`;
  });
  const all = await rows<{ t: string; h: string }>(sql.raw(parts.join(" union all ")));
  const map: Fingerprint = new Map(tables.map((table) => [table, []]));
  for (const r of all) map.get(r.t)!.push(r.h);
  for (const list of map.values()) list.sort();
  return map;
}

/** Per table: rows that appeared and rows that disappeared (a changed row is one of each). */
function diff(before: Fingerprint, after: Fingerprint): Record<string, { added: number; removed: number }> {
  const out: Record<string, { added: number; removed: number }> = {};
  for (const table of tables) {
    const count = (list: string[]) => list.reduce((m, h) => m.set(h, (m.get(h) ?? 0) + 1), new Map<string, number>());
    const a = count(before.get(table)!);
    const b = count(after.get(table)!);
    let added = 0;
    let removed = 0;
    for (const [h, n] of b) added += Math.max(0, n - (a.get(h) ?? 0));
    for (const [h, n] of a) removed += Math.max(0, n - (b.get(h) ?? 0));
    if (added || removed) out[table] = { added, removed };
  }
  return out;
}

async function openedTimes(): Promise<Map<string, string>> {
  const list = await db.select({ id: s.reviewTasks.id, openedAt: s.reviewTasks.openedAt }).from(s.reviewTasks);
  return new Map(list.filter((r) => r.openedAt).map((r) => [r.id, r.openedAt!.toISOString()]));
}

// ---- the routes, from the file system ----

interface RouteFile {
  file: string;
  params: string[];
}

function routeFiles(): RouteFile[] {
  return fs
    .readdirSync(ROUTES_DIR)
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .sort()
    .map((file) => ({ file, params: segments(file).filter((x) => x.startsWith("$")).map((x) => paramName(x)) }));
}

/** Remix flat-route file name → URL segments: dots separate, [.] is a literal dot, _index is "", a trailing _ un-nests. */
function segments(file: string): string[] {
  return file
    .replace(/\.tsx?$/, "")
    .replace(/\[\.\]/g, "\u0000")
    .split(".")
    .map((x) => x.replace(/\u0000/g, "."))
    .filter((x) => x !== "_index");
}

/** "$documentId.pdf" → "documentId" (what follows the name is literal, as in React Router). */
function paramName(segment: string): string {
  return /^\$([\w-]+)/.exec(segment)![1].replace(/_$/, "");
}

function urlOf(file: string, params: Record<string, string>): string {
  const part = (x: string) => (x.startsWith("$") ? encodeURIComponent(params[paramName(x)]) + x.slice(1 + paramName(x).length).replace(/^_/, "") : x.replace(/_$/, ""));
  return "/" + segments(file).map(part).join("/");
}

// ---- the fixture ----

/** Link tokens we know (well-formed: 20–64 URL-safe characters, like the real ones). */
const TOKENS = {
  review: "review-link-token-0004-supervisor",
  invitation: "quote-invitation-token-installer-c",
  serviceQuote: "service-quote-token-ticket-quoted",
  survey: "service-survey-token-ticket-confirmed",
};

interface Caller {
  name: string;
  headers: Record<string, string>;
}
const callers: Caller[] = [];
/** Parameter values: shared ones, and per project (PRJ-2025-0012 handed over, PRJ-2026-0004 in entry review). */
const shared: Record<string, string> = {};
const perProject: Record<string, string>[] = [];

async function one<T>(q: Promise<T[]>): Promise<T> {
  const [row] = await q;
  if (!row) throw new Error("fixture: a row the demo data should have is missing");
  return row;
}

async function projectParams(code: string): Promise<Record<string, string>> {
  const project = await one(db.select().from(s.projects).where(eq(s.projects.code, code)));
  const pid = project.id;
  const maybe = async <T extends { id: string }>(q: Promise<T[]>) => (await q)[0]?.id ?? "00000000-0000-4000-8000-000000000000";
  const task = await one(db.select().from(s.reviewTasks).where(eq(s.reviewTasks.projectId, pid)).orderBy(asc(s.reviewTasks.createdAt)));
  return {
    projectId: pid,
    quoteId: await maybe(db.select({ id: s.quotes.id }).from(s.quotes).where(eq(s.quotes.projectId, pid))),
    fileId: await maybe(db.select({ id: s.files.id }).from(s.files).where(eq(s.files.projectId, pid))),
    unitId: await maybe(db.select({ id: s.installedUnits.id }).from(s.installedUnits).where(eq(s.installedUnits.projectId, pid))),
    memberId: await maybe(db.select({ id: s.crewMembers.id }).from(s.crewMembers).where(eq(s.crewMembers.projectId, pid))),
    kind: "certificates",
    itemId: await maybe(db.select({ id: s.certificates.id }).from(s.certificates).where(eq(s.certificates.projectId, pid))),
    inspectionId: await maybe(db.select({ id: s.materialInspections.id }).from(s.materialInspections).where(eq(s.materialInspections.projectId, pid))),
    rectificationId: await maybe(db.select({ id: s.rectifications.id }).from(s.rectifications).where(eq(s.rectifications.projectId, pid))),
    taskId: task.id,
  };
}

/** Gives a link row a token we know (the demo data's tokens were hashed and thrown away). */
async function knownToken(table: typeof s.reviewTasks | typeof s.quoteInvitations | typeof s.serviceLinks, id: string, token: string) {
  await db.update(table).set({ tokenHash: sha256Hex(token) }).where(eq(table.id, id));
  return token;
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  await seedDemoData(db);
  const users = await db.select().from(s.users);
  const byEmail = (email: string) => users.find((u) => u.email === email)!;

  // One session and one API token per demo user (one user per role).
  for (const demo of DEMO_USERS) {
    const user = byEmail(demo.email);
    const cookie = (await createSession(db, user.id, { ip: "127.0.0.1", userAgent: "vitest" })).split(";")[0];
    const { token } = await issueApiToken(db, { userId: user.id, name: "get-test" });
    callers.push({ name: demo.key, headers: { Cookie: cookie, Authorization: `Bearer ${token}`, "User-Agent": "vitest" } });
  }
  callers.push({ name: "anonymous", headers: { "User-Agent": "vitest" } });

  const handover = await one(db.select().from(s.projects).where(eq(s.projects.code, "PRJ-2025-0012")));
  const bidding = await one(db.select().from(s.projects).where(eq(s.projects.code, "PRJ-2026-0001")));
  const installerC = await one(db.select().from(s.companies).where(eq(s.companies.name, "东莞鑫源净化设备安装有限公司")));
  const pm = byEmail("pm@demo.cn");

  // An issued document (for /v/<code>, /documents/<id>.pdf) and the service code of the warranty card.
  const document = await issueCommencementPdf(db, { projectId: handover.id, user: { id: pm.id } });
  if (!document) throw new Error("fixture: no commencement document");
  shared.documentId = document.id;
  shared.shortCode = document.shortCode;
  // The handed-over project's service code is NOT made here: the first warranty route that shows it
  // makes it (an exception below); the public routes that take it run later (file order).
  shared.handoverId = handover.id;

  // Links: the open commencement review of PRJ-2026-0004, an invitation to quote, a ticket's
  // quote and survey links.
  const entryReview = await one(db.select().from(s.projects).where(eq(s.projects.code, "PRJ-2026-0004")));
  const openTask = await one(db.select().from(s.reviewTasks).where(and(eq(s.reviewTasks.projectId, entryReview.id), isNull(s.reviewTasks.decidedAt))));
  const reviewToken = await knownToken(s.reviewTasks, openTask.id, TOKENS.review);
  const [invitation] = await db
    .insert(s.quoteInvitations)
    .values({ projectId: bidding.id, vendorId: installerC.id, email: "sun@xinyuan.demo.cn", tokenHash: sha256Hex(TOKENS.invitation), scope: "新风安装", deadline: new Date(Date.now() + 7 * 86_400_000), createdBy: pm.id })
    .returning();
  // The demo ticket is fresh; two copies of it stand at the steps where the customer's links work:
  // a paid quote waiting for the customer ("quoted") and the survey after the signature ("confirmed").
  const ticket = await one(db.select().from(s.serviceTickets).orderBy(asc(s.serviceTickets.receivedAt)));
  const { id: _id, number, ...ticketFields } = ticket;
  const [quoted] = await db.insert(s.serviceTickets).values({ ...ticketFields, number: `${number}-Q`, status: "quoted" }).returning();
  const [confirmed] = await db.insert(s.serviceTickets).values({ ...ticketFields, number: `${number}-C`, status: "confirmed", confirmedAt: new Date() }).returning();
  const [quote] = await db.insert(s.serviceQuotes).values({ ticketId: quoted.id, amountFen: 68_000, items: "更换风机轴承", validUntil: "2099-12-31", createdBy: byEmail("service@demo.cn").id }).returning();
  const expiresAt = new Date(Date.now() + 7 * 86_400_000);
  await db.insert(s.serviceLinks).values([
    { ticketId: quoted.id, kind: "quote", subjectId: quote.id, tokenHash: sha256Hex(TOKENS.serviceQuote), expiresAt },
    { ticketId: confirmed.id, kind: "survey", tokenHash: sha256Hex(TOKENS.survey), expiresAt },
  ]);
  expect(invitation).toBeTruthy();

  const outboxRow = await one(db.select({ id: s.outbox.id }).from(s.outbox));
  const payment = await one(db.select({ id: s.vendorPaymentRequests.id }).from(s.vendorPaymentRequests));
  Object.assign(shared, {
    ticketId: ticket.id,
    fileId: document.fileId,
    vendorId: installerC.id,
    companyId: installerC.id,
    userId: pm.id,
    id: String(outboxRow.id),
    requestId: payment.id,
    reviewToken,
    openTaskId: openTask.id,
    invitationId: invitation.id,
  });
  perProject.push(await projectParams("PRJ-2025-0012"), await projectParams("PRJ-2026-0004"));

  const tableRows = await rows<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
  tables = tableRows.map((r) => r.table_name);
}, 300_000);
afterAll(async () => t?.drop());

/** The token or code a public route takes, by the route's own prefix. */
async function linkParams(file: string): Promise<Record<string, string>> {
  if (/^(r\.|api\.v1\.links\.)/.test(file)) return { token: shared.reviewToken };
  if (file.startsWith("q.")) return { token: TOKENS.invitation };
  if (file.startsWith("sq.")) return { token: TOKENS.serviceQuote };
  if (/^(sv\.|api\.v1\.survey-links\.)/.test(file)) return { token: TOKENS.survey };
  if (/^(s\.|api\.v1\.service-requests\.)/.test(file)) {
    const [row] = await db.select({ code: s.serviceCodes.code }).from(s.serviceCodes).where(eq(s.serviceCodes.projectId, shared.handoverId));
    if (!row) throw new Error(`${file}: no service code yet — the warranty routes (earlier in file order) should have made it`);
    return { code: row.code };
  }
  if (file.startsWith("v.")) return { code: shared.shortCode };
  return {};
}

/** Calls a loader as Remix would for a GET, reading any body to its end (streams, zips). */
async function get(loader: (args: never) => unknown, url: string, params: Record<string, string>, caller: Caller): Promise<{ status: number; error?: unknown }> {
  const request = new Request(`http://localhost${url}`, { method: "GET", headers: caller.headers });
  let result: unknown;
  try {
    result = await loader({ request, params, context: { ip: "127.0.0.1" } } as never);
  } catch (thrown) {
    if (!(thrown instanceof Response) && !(thrown && typeof thrown === "object" && "init" in thrown)) return { status: 500, error: thrown };
    result = thrown;
  }
  if (result instanceof Response) {
    await result.arrayBuffer();
    return { status: result.status };
  }
  return { status: (result as { init?: { status?: number } } | null)?.init?.status ?? 200 };
}

describe(`no state change on GET (${testDriver()})`, () => {
  it("every loader under app/routes, as every role and anonymously, leaves the database as it was (but for the named exceptions)", async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(100);
    const changes: string[] = [];
    const errors: string[] = [];
    const exceptionsUsed = new Set<string>();
    const answered = new Set<string>();
    const statuses: Record<string, Set<number>> = {};
    let calls = 0;
    let withLoader = 0;

    for (const route of files) {
      const mod = (await import(path.join(ROUTES_DIR, route.file))) as { loader?: (args: never) => unknown };
      if (typeof mod.loader !== "function") continue;
      withLoader++;
      const sets = route.params.includes("projectId") ? perProject : [{}];
      for (const projectSet of sets) {
        const params = { ...shared, ...projectSet, ...(await linkParams(route.file)) };
        const only = Object.fromEntries(route.params.map((p) => [p, params[p]]));
        const url = urlOf(route.file, params);
        const run = async () => {
          for (const caller of callers) {
            const r = await get(mod.loader!, url, only, caller);
            calls++;
            if (r.status === 200) answered.add(route.file);
            (statuses[route.file] ??= new Set()).add(r.status);
            if (r.error) errors.push(`${route.file} as ${caller.name}: ${String(r.error)}`);
          }
        };

        const opened = await openedTimes();
        const before = await fingerprint();
        await run();
        const after = await fingerprint();
        const changed = diff(before, after);
        for (const [id, at] of opened) expect((await openedTimes()).get(id), `${route.file}: review_tasks.opened_at moved`).toBe(at);

        const allowed = CREATED_ON_FIRST_GET.filter((e) => e.route.test(route.file));
        const unexplained = Object.entries(changed).filter(([table, d]) => {
          const rule = allowed.find((e) => e.tables.includes(table));
          if (!rule) return true;
          exceptionsUsed.add(rule.tables.join("+"));
          // Only new rows; a superseded document is the one row allowed to change (one out, one in),
          // and the rate-limit table prunes old hits.
          if (table === "public_hits") return false;
          return table === "documents" ? d.removed > 1 : d.removed > 0;
        });
        for (const [table, d] of unexplained) changes.push(`${url} (${route.file}) changed ${table}: +${d.added} −${d.removed}`);

        // What a first GET may create, a second identical GET must not create again.
        if (Object.keys(changed).some((table) => table !== "public_hits") && unexplained.length === 0) {
          await run();
          const again = diff(after, await fingerprint());
          for (const [table, d] of Object.entries(again)) if (table !== "public_hits") changes.push(`${url} (${route.file}) changed ${table} again on a second GET: +${d.added} −${d.removed}`);
        }
      }
    }

    expect(changes).toEqual([]);
    expect(errors).toEqual([]);
    // Each exception is exercised here, so none of them is a dead letter that could hide a change.
    expect([...exceptionsUsed].sort()).toEqual(CREATED_ON_FIRST_GET.map((e) => e.tables.join("+")).sort());
    const [task] = await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.id, shared.openTaskId));
    expect(task.openedAt, "the signing link's first view is recorded").not.toBeNull();
    const [invitation] = await db.select().from(s.quoteInvitations).where(eq(s.quoteInvitations.id, shared.invitationId));
    expect(invitation.lastOpenedAt, "the quote link's opening is recorded").not.toBeNull();
    const tokens = await db.select({ lastUsedAt: s.apiTokens.lastUsedAt }).from(s.apiTokens);
    expect(tokens.every((row) => row.lastUsedAt !== null), "every API token's last use is recorded").toBe(true);
    const unreached = Object.keys(statuses)
      .filter((f) => !answered.has(f) && !NOT_REACHED[f] && [...statuses[f]].some((code) => code !== 405))
      .map((f) => `${f}: ${[...statuses[f]].join("/")}`);
    expect(unreached, "loaders no caller reached with 200 (fix the fixture or name them in NOT_REACHED)").toEqual([]);
    expect(withLoader).toBeGreaterThan(80);
    expect(calls).toBeGreaterThan(withLoader * callers.length);
    console.info(`GET: ${withLoader} loaders, ${calls} calls; exceptions used: ${[...exceptionsUsed].join(", ") || "none"}`);
  }, 900_000);

  it("the exceptions are real columns and tables (a rename cannot silently widen them)", async () => {
    for (const [table, { columns }] of Object.entries(WRITTEN_ON_GET)) {
      expect(tables).toContain(table);
      const cols = await rows<{ column_name: string }>(sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table}`);
      for (const c of columns) expect(cols.map((r) => r.column_name)).toContain(c);
    }
    for (const rule of CREATED_ON_FIRST_GET) for (const table of rule.tables) expect(tables).toContain(table);
  });
});
