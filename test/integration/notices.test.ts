import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { isStageNoticeTemplate } from "#templates/email/stage-notice";
import { AUDIENCES } from "~/services/projects/effects.server";

describe("stage notifications", () => {
  // Read from the machine's source so a new notify(...) without a template or audience fails here.
  const machineTemplates = [...fs.readFileSync("machines/project.ts", "utf8").matchAll(/notify\('(\w+)'/g)].map((m) => m[1]);

  it("every template the machine emits has an e-mail and an audience", () => {
    expect(machineTemplates.length).toBeGreaterThan(15);
    for (const template of machineTemplates) {
      expect(isStageNoticeTemplate(template), template).toBe(true);
      expect(AUDIENCES[template], template).toBeDefined();
    }
  });
});
