/**
 * Bench data generator: `npm run bench:seed`.
 *
 *   DATABASE_URL=postgres://… npm run bench:seed     # PostgreSQL, 10,000 projects by default
 *   DATA_DIR=data npm run bench:seed                 # PGlite in DATA_DIR/pglite, 500 by default
 *   BENCH_PROJECTS=2000   how many projects
 *   BENCH_BATCH=500       projects per transaction
 *   BENCH_RESET=1         delete earlier bench data (codes "BX-…") first instead of refusing
 *
 * Rows are written directly with multi-row inserts (not through applyEvent, which would take hours
 * at this size); each project's snapshot is a real machine state reached by the pure machine along
 * the fixture happy path (machines/fixtures.ts), so every page and transition works on it.
 */
import crypto from "node:crypto";
import path from "node:path";
import { count, eq, like, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { openDatabase, rowsOf, setDatabase, type Db } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import * as s from "../db/schema";
import { seedDemoData } from "../db/seed";
import { DEMO_PDF } from "../db/seed-fixtures";
import { ev, HAPPY_PATH, reach } from "../machines/fixtures";
import { decide, stageOf, type PersistedProjectSnapshot } from "../machines/runtime";
import { CANCELLABLE_STAGES } from "../machines/types";
import { png } from "../test/support/png";

const PREFIX = "BX-";
const url = process.env.DATABASE_URL || undefined;
const total = Number(process.env.BENCH_PROJECTS ?? (url ? 10_000 : 500));
const batchSize = Number(process.env.BENCH_BATCH ?? 500);
const started = Date.now();
const secs = () => ((Date.now() - started) / 1000).toFixed(1);

// Deterministic pseudo-random numbers, so two runs produce the same shape of data.
// (mulberry32: 32-bit integer maths only, so no precision is lost in doubles)
let seed = 20260801;
const rnd = () => {
  let t = (seed = (seed + 0x6d2b79f5) | 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const uuid = () => crypto.randomUUID();
const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

/** Insert in chunks that stay under PostgreSQL's 65,535 bind parameters per statement. */
async function insertAll(db: Db, table: PgTable, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const per = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += per) await db.insert(table).values(rows.slice(i, i + per) as never);
}

// ── Machine states ────────────────────────────────────────────────────────────────────────────
// Weighted stages (more projects late in life, as in a company a few years old) → fixture labels.
const STAGE_PLAN: [string, number, string[]][] = [
  ["bidding", 10, ["bidding"]],
  ["awaitingDecision", 4, ["awaitingDecision"]],
  ["contracting", 4, ["contracting"]],
  ["survey", 6, ["survey"]],
  ["entry", 6, ["entry"]],
  ["entryReview", 5, ["entryReview.awaitingSupervisor", "entryReview.awaitingClient"]],
  ["construction", 16, ["construction"]],
  ["acceptanceReview", 6, ["acceptanceReview.awaitingSupervisor", "acceptanceReview.awaitingParties", "acceptanceReview.awaitingParties+client"]],
  ["handover", 18, ["handover", "settlement.submitted", "settlement.awaitingPayment", "settlement.awaitingPayment+partial", "settlement.retentionHeld", "archive.archived", "warranty.expiring", "warranty.expired"]],
  ["closed", 20, ["closed"]],
  ["cancelled", 5, []],
];
const weightSum = STAGE_PLAN.reduce((a, [, w]) => a + w, 0);
const LABEL_ORDER = ["bidding", ...HAPPY_PATH.map(([l]) => l)];
const CANCEL_FROM = LABEL_ORDER.filter((l) => (CANCELLABLE_STAGES as string[]).includes(stageOf(reach(l).value)));

interface Step { event: string; role: string; from: PersistedProjectSnapshot; to: PersistedProjectSnapshot }
interface Plan { label: string; snapshot: PersistedProjectSnapshot; steps: Step[] }
const planCache = new Map<string, Plan>();
/** The snapshot for a label and the transitions that led there (for the audit log), computed once. */
function planFor(label: string, cancel: boolean): Plan {
  const key = `${label}${cancel ? "+cancel" : ""}`;
  const hit = planCache.get(key);
  if (hit) return hit;
  const steps: Step[] = [];
  let snap = reach("bidding");
  for (const [name, event] of HAPPY_PATH) {
    if (label === "bidding") break;
    const d = decide(snap, event);
    if (!d.ok) throw new Error(`happy path refused at ${name}`);
    steps.push({ event: event.type, role: event.actor.role, from: snap, to: d.snapshot });
    snap = d.snapshot;
    if (name === label) break;
  }
  if (cancel) {
    const event = ev("CANCEL");
    const d = decide(snap, event);
    if (!d.ok) throw new Error(`CANCEL refused from ${label}`);
    steps.push({ event: "CANCEL", role: "management", from: snap, to: d.snapshot });
    snap = d.snapshot;
  }
  const plan = { label, snapshot: snap, steps };
  planCache.set(key, plan);
  return plan;
}
function choosePlan(): Plan {
  let r = rnd() * weightSum;
  for (const [stage, w, labels] of STAGE_PLAN) {
    if ((r -= w) > 0) continue;
    return stage === "cancelled" ? planFor(pick(CANCEL_FROM), true) : planFor(pick(labels), false);
  }
  return planFor("bidding", false);
}
const reached = (plan: Plan, label: string) => LABEL_ORDER.indexOf(plan.label) >= LABEL_ORDER.indexOf(label);

// ── Reference data ────────────────────────────────────────────────────────────────────────────
interface Refs {
  installers: string[]; clients: string[]; supervision: string[]; design: string[]; own: string;
  pms: string[]; management: string; finance: string; service: string;
  photos: string[]; pdf: string;
}
const CITIES = ["天河区", "海珠区", "越秀区", "白云区", "番禺区", "黄埔区", "南沙区", "花都区", "荔湾区", "增城区"];
const KINDS = ["写字楼", "实验学校", "人民医院", "商业中心", "幼儿园", "酒店", "体育馆", "图书馆", "研发中心", "公寓"];
const SYSTEMS = ["新风净化系统安装", "新风系统改造", "通风空调工程", "净化工程", "全热交换新风工程"];

async function loadRefs(db: Db): Promise<Refs> {
  const userId = async (email: string) => {
    const [u] = await db.select({ id: s.users.id, companyId: s.users.companyId, hash: s.users.passwordHash }).from(s.users).where(eq(s.users.email, email));
    if (!u) throw new Error(`demo user ${email} missing: the users table has other data`);
    return u;
  };
  const pm = await userId("pm@demo.cn");
  const pm2 = await userId("pm2@demo.cn");
  const own = pm.companyId!;
  const companyRows = (kind: "installer" | "client" | "supervision" | "design", n: number, label: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => ({ id: uuid(), kind, name: `${PREFIX}${label(i + 1)}`, address: `广州市${pick(CITIES)}某路 ${int(1, 300)} 号`, phone: `020-${int(30000000, 89999999)}` }));
  const installers = companyRows("installer", 50, (i) => `安装公司${String(i).padStart(2, "0")}（广州）有限公司`);
  const clients = companyRows("client", 30, (i) => `建设单位${String(i).padStart(2, "0")}`);
  const supervision = companyRows("supervision", 4, (i) => `监理公司${i}`);
  const design = companyRows("design", 3, (i) => `设计院${i}`);
  const all = [...installers, ...clients, ...supervision, ...design];
  await insertAll(db, s.companies, all);
  await insertAll(db, s.contacts, all.map((c) => ({ companyId: c.id, name: `联系人${c.name.slice(-4)}`, title: "项目负责人", phone: `138${int(10000000, 99999999)}`, email: `contact+${c.id.slice(0, 8)}@bench.local` })));
  // ~20 generated project managers with the demo password, so they can sign in too.
  const pmRows = Array.from({ length: 20 }, (_, i) => ({ id: uuid(), email: `bench-pm-${String(i + 1).padStart(2, "0")}@bench.local`, name: `项目经理${i + 1}`, passwordHash: pm.hash, companyId: own }));
  await insertAll(db, s.users, pmRows);
  await insertAll(db, s.userRoles, pmRows.map((u) => ({ userId: u.id, role: "pm" })));
  // A small shared set of files: photos and documents reference them instead of carrying bytes each.
  const photos = Array.from({ length: 12 }, (_, i) => {
    const bytes = png(32, 24, (x, y) => [(x * 8 + i * 20) & 255, (y * 10) & 255, (i * 37) & 255, 255]);
    return { id: uuid(), name: `${PREFIX}photo-${i + 1}.png`, mime: "image/png", size: bytes.length, sha256: sha(bytes), bytes };
  });
  const pdf = { id: uuid(), name: `${PREFIX}document.pdf`, mime: "application/pdf", size: DEMO_PDF.length, sha256: sha(DEMO_PDF), bytes: DEMO_PDF };
  await insertAll(db, s.files, [...photos, pdf]);
  return {
    installers: installers.map((c) => c.id), clients: clients.map((c) => c.id), supervision: supervision.map((c) => c.id), design: design.map((c) => c.id), own,
    pms: [pm.id, pm2.id, ...pmRows.map((u) => u.id)],
    management: (await userId("management@demo.cn")).id, finance: (await userId("finance@demo.cn")).id, service: (await userId("service@demo.cn")).id,
    photos: photos.map((p) => p.id), pdf: pdf.id,
  };
}

// ── One batch of projects ─────────────────────────────────────────────────────────────────────
type Rows = Record<string, Record<string, unknown>[]>;
const DAY = 86_400_000;
const LINE_ITEMS = [["新风主机安装", "台"], ["镀锌风管制作安装", "m²"], ["风口及阀门安装", "个"], ["保温施工", "m²"], ["控制系统布线", "m"], ["静电净化模块", "台"], ["冷凝水管安装", "m"], ["支吊架制作", "kg"], ["系统调试", "项"], ["竣工资料", "项"]];
let ticketSeq = 50_000;

function buildProject(refs: Refs, n: number, rows: Rows) {
  const plan = choosePlan();
  const id = uuid();
  const code = `${PREFIX}${String(n).padStart(6, "0")}`;
  const pmId = n % 3 === 0 ? refs.pms[0] : n % 3 === 1 ? refs.pms[1] : pick(refs.pms);
  const created = new Date(Date.now() - int(30, 900) * DAY);
  const vendors = [...refs.installers].sort(() => rnd() - 0.5).slice(0, 5);
  const awarded = vendors[0];
  const snapshot = structuredClone(plan.snapshot);
  // The fixtures award the made-up vendor "v1"; pages look the awarded company up by id.
  if (snapshot.context.awardedVendorId) snapshot.context.awardedVendorId = awarded;
  const stage = stageOf(snapshot.value);
  const amount = int(500_000, 20_000_000) * 100;
  let at = created.getTime();
  const tick = () => new Date((at += int(1, 5) * DAY));
  const stepTimes = plan.steps.map(() => 0);

  // Audit log: the real transitions plus everyday entries, ~30 per project in time order.
  const audit: Record<string, unknown>[] = [];
  const addAudit = (event: string, role: string, extra: Record<string, unknown> = {}) =>
    audit.push({ projectId: id, actorUserId: role === "pm" ? pmId : role === "management" ? refs.management : role === "finance" ? refs.finance : null, actorLabel: role, role, ip: "10.0.0.1", userAgent: "bench", event, fromStage: null, toStage: null, fromState: null, toState: null, projectVersion: null, payload: {}, at: tick(), ...extra });
  addAudit("PROJECT_CREATED", "pm", { toStage: "bidding", at: created });
  addAudit("VENDORS_INVITED", "pm", { payload: { vendors: 5 } });
  for (let i = 0; i < 5; i++) addAudit("QUOTE_SUBMITTED", "vendor", { payload: { vendorId: vendors[i] } });
  if (plan.steps.length) addAudit("RECOMMENDATION_SAVED", "pm", { payload: { vendorId: awarded } });
  const fillers = Math.max(0, int(28, 36) - 8 - plan.steps.length);
  plan.steps.forEach((st, i) => {
    const extra = i > 3 ? Math.floor(fillers / Math.max(1, plan.steps.length - 4)) : 0;
    for (let k = 0; k < extra; k++) addAudit(rnd() < 0.8 ? "PROGRESS_LOGGED" : "PROJECT_UPDATED", "pm", { payload: { note: "施工进度记录" } });
    addAudit(st.event, st.role, { fromStage: stageOf(st.from.value), toStage: stageOf(st.to.value), fromState: st.from.value, toState: st.to.value, projectVersion: i + 2, payload: {} });
    stepTimes[i] = at;
  });
  while (audit.length < 26) addAudit("PROJECT_UPDATED", "pm", { payload: { fields: ["plannedFinishOn"] } });
  const updated = new Date(Math.min(at, Date.now()));
  audit.forEach((a) => { if ((a.at as Date).getTime() > Date.now()) a.at = new Date(Date.now() - int(1, 1000) * 1000); });

  rows.projects.push({
    id, code, name: `${pick(CITIES)}${pick(KINDS)}${pick(SYSTEMS)}（${n}）`, clientId: pick(refs.clients), siteAddress: `广州市${pick(CITIES)}建设路 ${int(1, 500)} 号`,
    clientContractNo: `HT-${code}`, clientContractAmountFen: amount, clientContractSignedOn: created.toISOString().slice(0, 10), pmId,
    supervisionCompanyId: pick(refs.supervision), designCompanyId: pick(refs.design),
    plannedStartOn: new Date(created.getTime() + 30 * DAY).toISOString().slice(0, 10), plannedFinishOn: new Date(created.getTime() + 150 * DAY).toISOString().slice(0, 10),
    stage, snapshot, machineVersion: snapshot.machineVersion, version: plan.steps.length + 1,
    stageChangedAt: updated, createdAt: created, updatedAt: updated,
  });
  rows.audit.push(...audit);
  const eqCount = int(3, 6);
  for (let i = 0; i < eqCount; i++) rows.equipment.push({ id: uuid(), projectId: id, position: i + 1, model: `YD-${pick(["XF500", "XF800", "JH200", "CK", "FK300"])}`, quantity: int(1, 30), location: pick(["设备间", "屋面", "各层走廊", "办公室", "大堂"]), installedQuantity: 0 });

  // Bidding: 5 quotes of 10 lines each; the recommendation, the decision and the contract as reached.
  vendors.forEach((vendorId, v) => {
    const quoteId = uuid();
    let sum = 0;
    LINE_ITEMS.forEach(([item, unit], position) => {
      const quantity = int(1, 400);
      const unitPriceFen = int(500, 200_000);
      sum += quantity * unitPriceFen;
      rows.quoteLines.push({ id: uuid(), quoteId, position, item, spec: "", unit, quantity: String(quantity), unitPriceFen, amountFen: quantity * unitPriceFen });
    });
    rows.quotes.push({ id: quoteId, projectId: id, vendorId, revision: 1, contractingMethod: "包工包料", scope: "新风主机、风管及末端安装调试", durationDays: 40 + v * 5, requirements: "", paymentTerms: "进场 30%，验收 67%，质保金 3%", maintenanceTerms: "安装质保一年", validUntil: new Date(created.getTime() + 120 * DAY).toISOString().slice(0, 10), totalFen: sum, source: "seed", enteredBy: pmId, submittedAt: new Date(created.getTime() + (v + 1) * 3600_000) });
  });
  const t = (label: string) => new Date(Math.min(stepTimes[LABEL_ORDER.indexOf(label) - 1] || at, Date.now()));
  if (reached(plan, "awaitingDecision")) rows.recommendations.push({ projectId: id, vendorId: awarded, reason: "报价合理，工期最短", createdBy: pmId, updatedAt: t("awaitingDecision") });
  if (reached(plan, "contracting")) rows.decisions.push({ id: uuid(), projectId: id, kind: "award", vendorId: awarded, reason: "", decidedBy: refs.management, decidedAt: t("contracting") });
  if (reached(plan, "survey")) rows.contracts.push({ id: uuid(), projectId: id, vendorId: awarded, contractNo: `AZ-${code}`, amountFen: Math.round(amount * 0.4), signedOn: t("survey").toISOString().slice(0, 10), fileId: refs.pdf, createdBy: pmId, createdAt: t("survey") });

  // Photos from the survey on; documents issued as the project went (the shared PDF file).
  if (reached(plan, "entry")) {
    const photos = int(2, 10);
    for (let i = 0; i < photos; i++) rows.photos.push({ id: uuid(), projectId: id, subject: i < 2 ? "survey" : "progress", fileId: pick(refs.photos), caption: i < 2 ? "现场勘察" : "施工进度", createdBy: pmId, createdAt: updated });
  }
  const docKinds: [string, string, string][] = [["awaitingDecision", "bidComparison", "BJ"], ["entryReview.awaitingSupervisor", "commencement", "KG"], ["acceptanceReview.awaitingSupervisor", "acceptanceApplication", "YS"], ["handover", "completion", "JG"], ["settlement.submitted", "settlementStatement", "JS"], ["archive.archived", "warrantyCard", "BX"]];
  for (const [label, kind, prefix] of docKinds) {
    if (!reached(plan, label)) continue;
    rows.documents.push({ id: uuid(), projectId: id, kind, version: 1, title: kind, number: `${prefix}-${code}-V1`, shortCode: crypto.randomBytes(6).toString("hex").toUpperCase(), sha256: sha(DEMO_PDF), contentHash: crypto.randomBytes(32).toString("hex"), fileId: refs.pdf, createdBy: pmId, createdAt: t(label) });
  }

  // Handover and closed: a settlement (status from the substate) and a few service tickets.
  if (stage === "handover" || stage === "closed") {
    const settlementId = uuid();
    const status = plan.label === "handover" ? "draft" : plan.label === "settlement.submitted" ? "submitted" : "approved";
    const retention = Math.round(amount * 0.03);
    rows.settlements.push({ id: settlementId, projectId: id, version: 1, status, contractAmountFen: amount, totalFen: amount, retentionFen: retention, retentionDueOn: snapshot.context.warrantyEndsOn, paidBeforeFen: 0, basis: `施工合同 HT-${code}`, preparedBy: pmId, submittedAt: status === "draft" ? null : t("handover"), decidedBy: status === "approved" ? refs.finance : null, decidedAt: status === "approved" ? t("handover") : null, createdAt: t("handover"), updatedAt: t("handover") });
    rows.settlementLines.push(
      { id: uuid(), settlementId, position: 1, kind: "variation", number: "BG-001", reason: "增设新风末端（甲方变更）", amountFen: int(10_000, 2_000_000), approvedBy: "建设单位" },
      { id: uuid(), settlementId, position: 2, kind: "deduction", number: "KK-001", reason: "逾期完工违约金", amountFen: -int(10_000, 200_000), approvedBy: "建设单位" },
    );
    const tickets = int(0, 3);
    for (let i = 0; i < tickets; i++) {
      const ticketId = uuid();
      const received = new Date(Date.now() - int(1, 300) * DAY);
      const status = pick(["received", "assigned", "contacted", "closed", "closed", "closed"]);
      const ym = received.toISOString().slice(0, 7).replace("-", "");
      rows.tickets.push({ id: ticketId, number: `SV-${ym}-${ticketSeq++}`, projectId: id, channel: pick(["hotline", "regionalManager", "dealer", "online"]), reporterName: "物业值班", contactPhone: `139${int(10000000, 99999999)}`, siteAddress: "", area: "city", description: pick(["出风口有异响", "控制面板无显示", "新风机不启动", "过滤网报警"]), status, assignedTo: status === "received" ? null : refs.service, createdBy: refs.service, receivedAt: received, contactDueAt: new Date(received.getTime() + 4 * 3600_000), closedAt: status === "closed" ? new Date(received.getTime() + 3 * DAY) : null, updatedAt: received });
      rows.ticketEvents.push({ id: uuid(), ticketId, at: received, actorUserId: refs.service, actorLabel: "客服", action: "create", fromStatus: null, toStatus: "received", note: "" });
    }
  }
}

// Parents before children, so foreign keys hold inside each transaction.
const ORDER: [keyof typeof TABLES, PgTable][] = [];
const TABLES = {
  projects: s.projects, equipment: s.projectEquipment, audit: s.auditEvents, quotes: s.quotes, quoteLines: s.quoteLines,
  recommendations: s.bidRecommendations, decisions: s.bidDecisions, contracts: s.vendorContracts, photos: s.projectPhotos,
  documents: s.documents, settlements: s.settlements, settlementLines: s.settlementLines, tickets: s.serviceTickets, ticketEvents: s.ticketEvents,
};
for (const [k, v] of Object.entries(TABLES)) ORDER.push([k as keyof typeof TABLES, v]);

// ── Reset: delete bench rows and everything that points at them ──────────────────────────────
interface Fk { child: string; column: string; parent: string; parentColumn: string }
async function foreignKeys(db: Db): Promise<Fk[]> {
  return rowsOf<Fk>(await db.execute(sql`
    select c.conrelid::regclass::text as child, a.attname as column, c.confrelid::regclass::text as parent, pa.attname as "parentColumn"
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    join pg_attribute pa on pa.attrelid = c.confrelid and pa.attnum = c.confkey[1]
    where c.contype = 'f' and array_length(c.conkey, 1) = 1 and c.connamespace = 'public'::regnamespace`));
}
/** Deletes rows of `table` matching `where` after (recursively) the rows that reference them. */
async function deleteTree(db: Db, fks: Fk[], table: string, where: string, seen: string[] = []) {
  for (const fk of fks.filter((f) => f.parent === table && !seen.includes(f.child))) {
    await deleteTree(db, fks, fk.child, `"${fk.column}" in (select "${fk.parentColumn}" from "${table}" where ${where})`, [...seen, table]);
  }
  await db.execute(sql.raw(`delete from "${table}" where ${where}`));
}
async function reset(db: Db) {
  const fks = await foreignKeys(db);
  await db.transaction(async (tx) => {
    // The audit log refuses DELETE by trigger; lift it only inside this transaction (DDL is transactional).
    await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
    await deleteTree(tx, fks, "projects", `code like '${PREFIX}%'`);
    await deleteTree(tx, fks, "files", `name like '${PREFIX}%'`);
    await deleteTree(tx, fks, "users", `email like 'bench-pm-%@bench.local'`);
    await deleteTree(tx, fks, "companies", `name like '${PREFIX}%'`);
    await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
  });
}

// ── Main ──────────────────────────────────────────────────────────────────────────────────────
async function main() {
  const database = await openDatabase(url ? { url, poolSize: 2 } : { dataDir: path.join(process.env.DATA_DIR || "data", "pglite") });
  try {
    await migrateDatabase(database, url);
    setDatabase(database);
    const db = database.db;
    console.log(`bench:seed on ${database.driver}${url ? "" : ` (${path.join(process.env.DATA_DIR || "data", "pglite")})`}: ${total} projects, ${batchSize} per batch`);
    const [{ n: userCount }] = await db.select({ n: count() }).from(s.users);
    if (userCount === 0) {
      await seedDemoData(db);
      console.log(`demo data seeded (${secs()} s)`);
    }
    const [{ n: existing }] = await db.select({ n: count() }).from(s.projects).where(like(s.projects.code, `${PREFIX}%`));
    if (existing > 0) {
      if (process.env.BENCH_RESET !== "1") {
        console.error(`${existing} bench projects (${PREFIX}…) already exist: run with BENCH_RESET=1 to delete them and seed again.`);
        process.exitCode = 2;
        return;
      }
      await reset(db);
      console.log(`deleted ${existing} earlier bench projects and their rows (${secs()} s)`);
    }
    const refs = await db.transaction((tx) => loadRefs(tx));
    for (let from = 1; from <= total; from += batchSize) {
      const to = Math.min(total, from + batchSize - 1);
      const rows: Rows = Object.fromEntries(ORDER.map(([k]) => [k, []]));
      for (let n = from; n <= to; n++) buildProject(refs, n, rows);
      await db.transaction(async (tx) => {
        for (const [key, table] of ORDER) await insertAll(tx, table, rows[key]);
      });
      console.log(`  ${to}/${total} projects (${secs()} s)`);
    }
    if (database.driver === "postgres") await db.execute(sql`analyze`); // fresh statistics, as a live database would have
    console.log("\nrows per table (all data, bench and demo):");
    const tables = ["projects", "project_equipment", "audit_events", "quotes", "quote_lines", "bid_recommendations", "bid_decisions", "vendor_contracts", "project_photos", "files", "documents", "settlements", "settlement_lines", "service_tickets", "ticket_events", "companies", "users"];
    for (const t of tables) {
      const [r] = rowsOf<{ n: string | number }>(await db.execute(sql.raw(`select count(*) as n from "${t}"`)));
      console.log(`  ${t.padEnd(22)} ${String(r.n).padStart(9)}`);
    }
    const stages = rowsOf<{ stage: string; n: string | number }>(await db.execute(sql`select stage, count(*) as n from projects where code like ${`${PREFIX}%`} group by stage order by count(*) desc`));
    console.log(`\nbench projects per stage: ${stages.map((r) => `${r.stage} ${r.n}`).join(", ")}`);
    console.log(`\ndone in ${secs()} s`);
  } finally {
    setDatabase(undefined);
    await database.close();
  }
}

await main();
