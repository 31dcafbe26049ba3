// Shared set-up of the warranty tests (not a test file itself): a project put in handover on a
// given acceptance date, its snapshot produced by the machine itself (the last signature on that
// date sets acceptedOn and the warranty's last day by the Civil Code rule).
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { actor, ev, reach } from "#machines/fixtures";
import { decide, type PersistedProjectSnapshot } from "#machines/runtime";
import { constructionProject, meetPreconditions } from "./acceptance-fixture";

/** The handover snapshot of a project whose last party signed on `acceptedOn`. */
export function acceptedSnapshot(acceptedOn: string): PersistedProjectSnapshot {
  const last = ev("SIGN", { actor: actor("designer", "designer"), at: `${acceptedOn}T02:00:00Z`, facts: { agreedDate: acceptedOn, signedParties: ["supervisor", "client"] } });
  const d = decide(reach("acceptanceReview.awaitingParties+client"), last);
  if (!d.ok) throw new Error(`acceptance refused: ${JSON.stringify(d.refusals)}`);
  return d.snapshot;
}

/** A project with units registered, accepted on `acceptedOn` (stage handover, warranty active). */
export async function acceptedProject(db: Db, acceptedOn: string) {
  const f = await constructionProject(db);
  await meetPreconditions(db, f.project.id, f.pm.id);
  const [project] = await db.update(s.projects).set({ stage: "handover", snapshot: acceptedSnapshot(acceptedOn) }).where(eq(s.projects.id, f.project.id)).returning();
  return { ...f, project };
}
