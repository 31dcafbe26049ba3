import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "#db/client";
import { acquireDirectoryLock } from "#db/lock";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-test-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A second process that takes the lock, says so, and holds it until killed. */
function holdInAnotherProcess(target: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "-e", `import("./db/lock.ts").then(m => { m.acquireDirectoryLock(${JSON.stringify(target)}); console.log("locked"); setInterval(() => {}, 1000); })`], { stdio: ["ignore", "pipe", "inherit"] });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("locked") && resolve());
    child.on("exit", (code) => reject(new Error(`child exited ${code}`)));
  });
  return { child, ready };
}

describe("PGlite data directory lock", () => {
  it("refuses a second process while the first is alive, then takes over a lock it left behind", async () => {
    const target = path.join(dir, "pglite-a");
    const { child, ready } = holdInAnotherProcess(target);
    await ready;
    expect(() => acquireDirectoryLock(target)).toThrow(/正被进程 \d+ 使用/);
    const exited = new Promise((r) => child.on("exit", r));
    child.kill("SIGKILL"); // no clean-up: the lock file stays, naming a dead process
    await exited;
    expect(fs.existsSync(`${target}.lock`)).toBe(true);
    const release = acquireDirectoryLock(target);
    expect(fs.readFileSync(`${target}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${target}.lock`)).toBe(false);
  }, 30_000);

  it("refuses opening the same directory twice in one process", async () => {
    const target = path.join(dir, "pglite-b");
    const first = await openDatabase({ dataDir: target });
    try {
      await expect(openDatabase({ dataDir: target })).rejects.toThrow(/in use/);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir: target });
    await again.close();
  }, 60_000);
});
