// A change to content under signature (the equipment list, the self-inspection, an archive file)
// while the acceptance is in review makes a new round in the same transaction as the change:
// the old signatures are voided and the links go out again (REVISE_ACCEPTANCE). If the machine
// refuses (for instance the agreed date has passed), the caller rolls the change back.
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { acceptancePlans, projects } from "#db/schema";
import type { Locale } from "~/i18n";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import { refusalsText } from "~/services/projects/refusal-text";

export class RevisionRefused extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join("；"));
  }
}

/**
 * Call inside the change's transaction, after writing it. Does nothing unless the project is in
 * acceptance review; throws RevisionRefused (roll back and show the messages) when refused.
 */
export async function reviseIfUnderReview(
  tx: Db,
  input: { projectId: string; user: Pick<SessionUser, "id" | "name">; info: RequestInfo; reason: string; locale?: Locale; at?: Date },
): Promise<boolean> {
  const [project] = await tx.select({ stage: projects.stage }).from(projects).where(eq(projects.id, input.projectId));
  if (project?.stage !== "acceptanceReview") return false;
  const [plan] = await tx.select().from(acceptancePlans).where(eq(acceptancePlans.projectId, input.projectId));
  const result = await applyEvent(
    tx,
    {
      projectId: input.projectId,
      type: "REVISE_ACCEPTANCE",
      payload: { reason: input.reason, acceptanceDate: plan?.agreedDate ?? "", startTime: plan?.startTime ?? "09:30", place: plan?.place ?? "" },
      actor: { userId: input.user.id, role: "pm", label: input.user.name },
      info: input.info,
      at: input.at,
    },
    { tx },
  );
  if (!result.ok) throw new RevisionRefused(refusalsText(result.refusals, input.locale ?? "zh-CN"));
  return true;
}
