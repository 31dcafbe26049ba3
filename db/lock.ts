import fs from "node:fs";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Locks this process holds, so opening the same directory twice in one process is refused too. */
const held = new Set<string>();

/**
 * Takes `<dir>.lock` for this process or throws if a live process holds it. A lock left by a
 * process that died is taken over. Returns the release function (also run at exit).
 */
export function acquireDirectoryLock(dir: string): () => void {
  const lockPath = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      held.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(lockPath);
        try {
          if (fs.readFileSync(lockPath, "utf8").trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
        process.off("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockPath, "utf8").trim());
      // Our own pid in the file is ours only if this process took it; otherwise it is a reused pid.
      const heldHere = holder === process.pid && held.has(lockPath);
      if (heldHere || (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder))) {
        throw new Error(
          `数据目录 ${dir} 正被进程 ${holder} 使用；同一数据目录只能由一个进程打开。` +
            ` / The data directory ${dir} is in use by process ${holder}; stop it first or set DATA_DIR.`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
