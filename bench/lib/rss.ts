// Peak resident memory of the server process: VmRSS from /proc/<pid>/status, sampled every 200 ms
// (VmHWM would be the kernel's own peak, but it also counts the start-up before the run).
import fs from "node:fs";

export function readRssKb(pid: number, field = "VmRSS"): number | undefined {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function sampleRss(pid: number, everyMs = 200) {
  let peakKb = readRssKb(pid) ?? 0;
  const startKb = peakKb;
  const timer = setInterval(() => {
    const kb = readRssKb(pid);
    if (kb && kb > peakKb) peakKb = kb;
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { startMb: startKb / 1024, peakMb: peakKb / 1024, hwmMb: (readRssKb(pid, "VmHWM") ?? 0) / 1024 };
    },
  };
}
