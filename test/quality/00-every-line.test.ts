// Issue 9: every line of quality.md's "Faults and bad inputs to test" is a test file here, named
// after the line. This file keeps it so: a line without its file (or a file whose top-level
// describe no longer names its line) fails.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The list as quality.md states it (each line's opening words, up to the first "→"/";"/":"). */
const LINES: [file: string, opening: string][] = [
  ["01-foreign-ids.test.ts", "Another user's or another project's id in a URL or form field"],
  ["02-forged-fields.test.ts", "Forged hidden fields (role, amount, status, approver, project id)"],
  ["03-events-out-of-stage.test.ts", "An event not allowed in the current stage, sent by direct POST"],
  ["04-double-submission.test.ts", "The same transition or signature submitted twice at once"],
  ["05-signing-links.test.ts", "A signing link: expired, already used, revoked, mutated, or for another party"],
  ["06-uploads.test.ts", "Uploads: over the size limit (refused before buffering)"],
  ["07-escaping.test.ts", "Text with <script>, quotes, emoji, rare CJK characters"],
  ["08-export-formulas.test.ts", "CSV/XLSX export: cells starting with = + - @ are neutralised"],
  ["09-amounts.test.ts", "Amounts: negative, NaN, more than two decimals, 1e21, empty"],
  ["10-dates.test.ts", "Dates: 29 February, end of month, across years, time zones"],
  ["11-faults.test.ts", "SMTP down or slow; database connection dropped mid-transaction"],
  ["12-old-snapshots.test.ts", "A stored machine snapshot from an older machine version"],
  ["13-sessions.test.ts", "Sessions: logout and role removal take effect at once"],
];

const here = path.dirname(new URL(import.meta.url).pathname);

describe("quality.md's list of faults and bad inputs, one test file per line", () => {
  it.each(LINES)("%s is named after its line", (file, opening) => {
    const source = fs.readFileSync(path.join(here, file), "utf8");
    const top = /^describe\(\s*(["'`])(.*?)\1/m.exec(source);
    expect(top?.[2].startsWith(opening), `${file}: top-level describe "${top?.[2]}"`).toBe(true);
    expect(source).toMatch(/\bit(\.each\([^)]*\))?\(/); // it has tests, not just a describe
  });

  it("covers every line of the spec (when the spec is beside the repository)", () => {
    const spec = path.resolve(here, "../../../shared/spec/quality.md");
    const bullets = fs.existsSync(spec)
      ? fs.readFileSync(spec, "utf8").split("## Faults and bad inputs to test")[1].split("\n").filter((l) => l.startsWith("- ")).map((l) => l.slice(2).replace(/`/g, ""))
      : LINES.map(([, opening]) => opening); // a clone without ../shared: the list above is the record
    expect(bullets).toHaveLength(LINES.length);
    for (const bullet of bullets) expect(LINES.some(([, opening]) => bullet.startsWith(opening)), bullet).toBe(true);
  });
});
