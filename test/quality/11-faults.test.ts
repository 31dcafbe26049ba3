// quality.md, faults and bad inputs: SMTP down or slow; the database connection dropped in the
// middle of a transaction; the server process killed in the middle of a request. The use case is
// the pm's REQUEST_ACCEPTANCE (applyEvent): in one transaction it writes the snapshot, the audit
// row, the acceptance plan and the outbox mails (the supervisor's signing link, calendar invites).
// After each fault the database holds the whole change or none of it, and the work either goes on
// (mail retried, delivered once) or is refused cleanly and can be done again.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, rowsOf, type Db } from "#db/client";
import { migrateDatabase } from "#db/migrate";
import * as s from "#db/schema";
import { shanghaiDate } from "~/lib/calendar";
import { createSmtpTransport, type MailTransport } from "~/lib/mail/transport.server";
import { processOutboxOnce } from "~/lib/mail/worker.server";
import { applyEvent, type ApplyEventInput } from "~/services/projects/apply-event.server";
import { constructionProject, meetPreconditions } from "../integration/acceptance-fixture";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

const today = () => shanghaiDate(new Date().toISOString());
const INFO = { ip: "127.0.0.1", userAgent: "vitest" };

async function readyProject(db: Db) {
  const f = await constructionProject(db);
  await meetPreconditions(db, f.project.id, f.pm.id);
  return f;
}

function requestAcceptance(f: { project: { id: string }; pm: { id: string } }, extra: Partial<ApplyEventInput> = {}): ApplyEventInput {
  return {
    projectId: f.project.id, type: "REQUEST_ACCEPTANCE", payload: { acceptanceDate: today(), startTime: "09:30", place: "项目部会议室" },
    actor: { userId: f.pm.id, role: "pm", label: "王项目" }, info: INFO, ...extra,
  };
}

/** What REQUEST_ACCEPTANCE writes, counted: all of it or none of it must be there. */
async function footprint(db: Db, projectId: string) {
  const [p] = await db.select({ version: s.projects.version, stage: s.projects.stage }).from(s.projects).where(eq(s.projects.id, projectId));
  const [{ audits }] = await db.select({ audits: count() }).from(s.auditEvents).where(eq(s.auditEvents.projectId, projectId));
  const [{ plans }] = await db.select({ plans: count() }).from(s.acceptancePlans).where(eq(s.acceptancePlans.projectId, projectId));
  const [{ mails }] = await db.select({ mails: count() }).from(s.outbox).where(eq(s.outbox.projectId, projectId));
  return { version: p.version, stage: p.stage, audits: Number(audits), plans: Number(plans), mails: Number(mails) };
}
const NONE = { stage: "construction", audits: 0, plans: 0, mails: 0 };

describe("SMTP down or slow; database connection dropped mid-transaction; the server killed mid-request → no half-written state; the work resumes or is cleanly refused.", () => {
  let database: TestDatabase;
  let db: Db;
  let smtp: TestSmtpServer;
  let transport: MailTransport;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    smtp = await startTestSmtpServer();
    transport = createSmtpTransport(smtp.url);
  });
  afterAll(async () => {
    transport?.close();
    await smtp?.stop();
    await database?.drop();
  });
  beforeEach(async () => {
    await db.delete(s.outbox);
    smtp.received.length = 0;
    await smtp.restart();
  });

  describe(`SMTP (${testDriver()})`, () => {
    it("down: the stage change commits, its mails wait with backoff, and are delivered once when SMTP is back", async () => {
      const f = await readyProject(db);
      await smtp.stop();
      const result = await applyEvent(db, requestAcceptance(f));
      expect(result).toMatchObject({ ok: true, toStage: "acceptanceReview" });
      const queued = await db.select().from(s.outbox);
      expect(queued.length).toBeGreaterThan(0);
      const t0 = new Date();
      expect(await processOutboxOnce(db, { now: t0, transport })).toEqual({ sent: 0, failed: 0, retried: queued.length });
      for (const r of await db.select().from(s.outbox)) {
        expect(r).toMatchObject({ status: "pending", attempts: 1 });
        expect(r.lastError).toMatch(/ECONNREFUSED|connect/i);
        expect(r.nextAttemptAt.getTime() - t0.getTime()).toBeGreaterThanOrEqual(20_000);
      }
      // The project moved on regardless.
      expect((await footprint(db, f.project.id)).stage).toBe("acceptanceReview");

      await smtp.restart();
      const later = new Date(t0.getTime() + 3_600_000);
      expect((await processOutboxOnce(db, { now: later, transport })).sent).toBe(queued.length);
      expect(await processOutboxOnce(db, { now: new Date(later.getTime() + 86_400_000), transport })).toEqual({ sent: 0, failed: 0, retried: 0 });
      const sent = await db.select().from(s.outbox);
      expect(sent.every((r) => r.status === "sent" && r.attempts === 2)).toBe(true);
      for (const r of sent) expect(smtp.countByMessageId(r.messageId!)).toBe(1);
      expect(smtp.received.some((m) => m.rcptTo.includes("li@jianli.test"))).toBe(true);
    });

    it("slow (a server that never answers): requests are not held up; the worker times out and the mail goes out later, once", async () => {
      const sockets: net.Socket[] = [];
      const hung = net.createServer((socket) => void sockets.push(socket)); // accepts, never greets
      await new Promise<void>((r) => hung.listen(0, "127.0.0.1", r));
      const hungTransport = createSmtpTransport(`smtp://127.0.0.1:${(hung.address() as net.AddressInfo).port}`);
      try {
        const first = await readyProject(db);
        expect((await applyEvent(db, requestAcceptance(first))).ok).toBe(true);
        const t0 = new Date();
        const started = Date.now();
        const sending = processOutboxOnce(db, { now: t0, transport: hungTransport, batch: 1 });
        // While the worker is stuck on the hung server, another user's stage change goes through at once.
        const second = await readyProject(db);
        const other = await applyEvent(db, requestAcceptance(second));
        expect(other.ok).toBe(true);
        expect(Date.now() - started).toBeLessThan(5_000);
        const result = await sending;
        // nodemailer's greeting timeout (10 s) ends the attempt well inside the 2-minute claim.
        expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
        expect(result.sent).toBe(0);
        expect(result.retried).toBeGreaterThan(0);
        const retried = (await db.select().from(s.outbox)).filter((r) => r.attempts === 1);
        expect(retried.length).toBe(result.retried);
        for (const r of retried) expect([r.status, r.lastError]).toEqual(["pending", expect.stringMatching(/timeout|greeting/i)]);

        const later = new Date(t0.getTime() + 3_600_000);
        let total = 0;
        for (;;) {
          const r = await processOutboxOnce(db, { now: later, transport });
          if (r.sent + r.retried + r.failed === 0) break;
          total += r.sent;
        }
        const rows = await db.select().from(s.outbox);
        expect(total).toBe(rows.length);
        expect(rows.every((r) => r.status === "sent")).toBe(true);
        for (const r of rows) expect(smtp.countByMessageId(r.messageId!)).toBe(1);
      } finally {
        hungTransport.close();
        sockets.forEach((sk) => sk.destroy());
        await new Promise((r) => hung.close(r));
      }
    }, 60_000);
  });

  describe(`database connection dropped mid-transaction (${testDriver()})`, () => {
    it("a failure after the first writes inside the transaction rolls all of it back; the caller gets the error; a retry succeeds", async () => {
      const f = await readyProject(db);
      const before = await footprint(db, f.project.id);
      // The use case's own step runs after the snapshot, audit and acceptance-plan writes: it loses
      // the connection (as the driver reports it) there.
      const lost = Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" });
      await expect(applyEvent(db, requestAcceptance(f, { record: async () => { throw lost; } }))).rejects.toBe(lost);
      expect(await footprint(db, f.project.id)).toEqual({ ...NONE, version: before.version });
      const retry = await applyEvent(db, requestAcceptance(f));
      expect(retry).toMatchObject({ ok: true, toStage: "acceptanceReview", version: before.version + 1 });
      const after = await footprint(db, f.project.id);
      expect(after).toMatchObject({ stage: "acceptanceReview", audits: 1, plans: 1 });
      expect(after.mails).toBeGreaterThan(0);
    });

    it(testDriver() === "postgres" ? "PostgreSQL: the transaction's backend is terminated (pg_terminate_backend) while it holds its writes" : "PGlite: the transaction's own statement fails mid-way (no backend to kill) and nothing stays", async () => {
      const f = await readyProject(db);
      const before = await footprint(db, f.project.id);
      if (database.driver === "postgres") {
        let reportPid!: (pid: number) => void;
        const pid = new Promise<number>((r) => (reportPid = r));
        const running = applyEvent(db, requestAcceptance(f, {
          record: async (tx) => {
            reportPid(Number(rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`))[0].pid));
            await tx.execute(sql`select pg_sleep(20)`);
          },
        }));
        // Settled at once so the rejection is handled when it happens, not later.
        const settled = running.then(() => null, (e: unknown) => e);
        const admin = postgres(database.url!, { max: 1, onnotice: () => {} });
        try {
          const victim = await pid;
          // From another connection the uncommitted writes are invisible, and the row is locked.
          expect((await admin`select version from projects where id = ${f.project.id}`)[0].version).toBe(before.version);
          expect((await admin`select pg_terminate_backend(${victim}) as done`)[0].done).toBe(true);
        } finally {
          await admin.end();
        }
        const error = await settled;
        expect(error).toBeInstanceOf(Error);
        expect(String((error as Error).message) + String((error as { cause?: unknown }).cause ?? "")).toMatch(/terminat|CONNECTION|57P01/i);
      } else {
        // A real failing statement inside PGlite's transaction: an insert the database refuses.
        const running = applyEvent(db, requestAcceptance(f, {
          record: async (tx) => void (await tx.execute(sql`insert into audit_events (project_id) values (${f.project.id})`)),
        }));
        await expect(running).rejects.toThrow();
      }
      expect(await footprint(db, f.project.id)).toEqual({ ...NONE, version: before.version });
      // The pool replaces the dead connection: the same request done again succeeds.
      const retry = await applyEvent(db, requestAcceptance(f));
      expect(retry).toMatchObject({ ok: true, version: before.version + 1 });
      expect(await footprint(db, f.project.id)).toMatchObject({ stage: "acceptanceReview", audits: 1, plans: 1 });
    }, 60_000);
  });

  describe(`the server killed mid-request (${testDriver()}, a child process, SIGKILL)`, () => {
    /** Runs the child until it prints `until`, then SIGKILLs it. */
    function runChildUntil(target: string, f: { project: { id: string }; pm: { id: string } }, mode: "inside" | "after", until: string) {
      return new Promise<void>((resolve, reject) => {
        // `node --import tsx` (not the tsx binary, which forks a second node): the killed pid is the one running the code.
        const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "support", "kill-child.ts"), target, f.project.id, f.pm.id, today(), mode], { stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`child never said ${until}: ${out} ${err}`)); }, 60_000);
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes(until)) child.kill("SIGKILL");
        });
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.on("exit", (_code, signal) => {
          clearTimeout(timer);
          if (signal === "SIGKILL" && out.includes(until)) resolve();
          else reject(new Error(`child ended without reaching ${until}: ${out} ${err}`));
        });
      });
    }

    /** The database the child and this process share: this test database on PostgreSQL, a data directory on PGlite. */
    async function shared(): Promise<{ target: string; db: () => Db; release: () => Promise<void>; reopen: () => Promise<void>; done: () => Promise<void> }> {
      if (database.driver === "postgres") return { target: database.url!, db: () => db, release: async () => {}, reopen: async () => {}, done: async () => {} };
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kill-pglite-"));
      const dataDir = path.join(dir, "pglite");
      let local: Awaited<ReturnType<typeof openDatabase>> | null = await openDatabase({ dataDir });
      await migrateDatabase(local);
      return {
        target: dataDir,
        db: () => local!.db,
        // PGlite allows one process per directory: let go before the child opens it, reopen after it died.
        release: async () => {
          await local?.close();
          local = null;
        },
        reopen: async () => {
          local = await openDatabase({ dataDir });
        },
        done: async () => {
          await local?.close();
          await fs.rm(dir, { recursive: true, force: true });
        },
      };
    }

    it("killed inside the transaction: none of the change is there; the request done again succeeds", async () => {
      const sh = await shared();
      try {
        const f = await readyProject(sh.db());
        const before = await footprint(sh.db(), f.project.id);
        await sh.release();
        await runChildUntil(sh.target, f, "inside", "INSIDE");
        await sh.reopen();
        const d = sh.db();
        expect(await footprint(d, f.project.id)).toEqual({ ...NONE, version: before.version });
        const retry = await applyEvent(d, requestAcceptance(f));
        expect(retry).toMatchObject({ ok: true, version: before.version + 1 });
        expect(await footprint(d, f.project.id)).toMatchObject({ stage: "acceptanceReview", audits: 1, plans: 1 });
      } finally {
        await sh.done();
      }
    }, 120_000);

    it("killed right after the commit: all of the change is there, and doing it again is refused as already done", async () => {
      const sh = await shared();
      try {
        const f = await readyProject(sh.db());
        const before = await footprint(sh.db(), f.project.id);
        await sh.release();
        await runChildUntil(sh.target, f, "after", "COMMITTED");
        await sh.reopen();
        const d = sh.db();
        const after = await footprint(d, f.project.id);
        expect(after).toMatchObject({ version: before.version + 1, stage: "acceptanceReview", audits: 1, plans: 1 });
        expect(after.mails).toBeGreaterThan(0);
        const again = await applyEvent(d, requestAcceptance(f));
        expect(again).toMatchObject({ ok: false, kind: "refused" });
        expect(await footprint(d, f.project.id)).toEqual(after);
      } finally {
        await sh.done();
      }
    }, 120_000);
  });
});
