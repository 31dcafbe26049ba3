// The fault injector: the SMTP server goes down for random periods and comes back, and random
// database connections of the app are killed with pg_terminate_backend — preferably one inside a
// transaction or running a query. Every fault is logged with its time window.
import postgres from "postgres";
import { sleep } from "./client";
import type { FaultWindow } from "./invariants";
import type { CountingSmtpServer } from "./smtp";

export interface FaultLog extends FaultWindow {
  detail: string;
}

const between = (min: number, max: number) => min + Math.random() * (max - min);

export class FaultInjector {
  readonly log: FaultLog[] = [];
  private stopped = false;
  private loops: Promise<void>[] = [];
  private admin: postgres.Sql;

  /** `adminUrl` points at another database of the same server, so our own session is never a target. */
  constructor(private smtp: CountingSmtpServer, adminUrl: string, private dbName: string, private opts = { smtpEveryS: [20, 45], smtpDownS: [5, 25], pgEveryS: [4, 12] }) {
    this.admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  }

  start(): void {
    this.loops.push(this.smtpLoop(), this.pgLoop());
  }

  private async pause(ms: number) {
    const until = Date.now() + ms;
    while (!this.stopped && Date.now() < until) await sleep(Math.min(250, until - Date.now()));
  }

  private async smtpLoop() {
    while (!this.stopped) {
      await this.pause(between(this.opts.smtpEveryS[0], this.opts.smtpEveryS[1]) * 1000);
      if (this.stopped) break;
      const start = Date.now();
      await this.smtp.stop();
      await this.pause(between(this.opts.smtpDownS[0], this.opts.smtpDownS[1]) * 1000);
      await this.smtp.start();
      this.log.push({ kind: "smtpDown", start, end: Date.now(), detail: `SMTP down ${((Date.now() - start) / 1000).toFixed(1)} s` });
    }
  }

  private async pgLoop() {
    while (!this.stopped) {
      await this.pause(between(this.opts.pgEveryS[0], this.opts.pgEveryS[1]) * 1000);
      if (this.stopped) break;
      try {
        // Prefer a connection in the middle of something; otherwise any idle one of the app.
        const rows = await this.admin<{ pid: number; state: string | null; query: string }[]>`
          select pid, state, left(query, 80) as query from pg_stat_activity
          where datname = ${this.dbName} and pid <> pg_backend_pid() and backend_type = 'client backend'`;
        if (rows.length === 0) continue;
        const busy = rows.filter((r) => r.state === "active" || r.state === "idle in transaction");
        const pool = busy.length ? busy : rows;
        const victim = pool[Math.floor(Math.random() * pool.length)];
        const at = Date.now();
        await this.admin`select pg_terminate_backend(${victim.pid})`;
        this.log.push({ kind: "pgTerminate", start: at, end: Date.now(), detail: `pid ${victim.pid} (${victim.state}${victim.state !== "idle" ? `: ${victim.query.replace(/\s+/g, " ")}` : ""})` });
      } catch (error) {
        this.log.push({ kind: "injectorError", start: Date.now(), end: Date.now(), detail: String(error) });
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
    await this.admin.end({ timeout: 5 });
  }
}
