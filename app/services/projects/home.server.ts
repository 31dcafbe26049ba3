// "What is waiting for me": a few short lists per role, each from one query (rows + total via a
// window count), never one query per project.
import { and, desc, eq, exists, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { projectMembers, projects } from "#db/schema";
import { projectVisibility } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";

export interface HomeItem {
  id: string;
  code: string;
  name: string;
  stage: string;
  /** Dotted substate below the stage when it matters (e.g. 'handover.settlement.submitted'). */
  substate: string | null;
  at: string;
}

export interface HomeSection {
  key: string;
  titleKey: string;
  hintKey?: string;
  total: number;
  items: HomeItem[];
  moreHref?: string;
}

export interface HomeData {
  sections: HomeSection[];
  /** pm: how many of my open projects are in each stage. */
  stageCounts: { stage: string; count: number }[];
  canCreate: boolean;
  isAdmin: boolean;
}

const LIMIT = 8;
/** Stages where the pm has the next move; in the others the project waits for someone else. */
export const PM_TURN_STAGES = ["bidding", "contracting", "survey", "entry", "construction", "handover"];
const OPEN_EXCLUDED = ["closed", "cancelled"];

const settlementState = sql<string | null>`${projects.snapshot}->'value'->'handover'->>'settlement'`;
const warrantyState = sql<string | null>`${projects.snapshot}->'value'->'handover'->>'warranty'`;
const reviewState = sql<string | null>`coalesce(${projects.snapshot}->'value'->>'entryReview', ${projects.snapshot}->'value'->>'acceptanceReview')`;

async function section(
  db: Db,
  opts: { key: string; titleKey: string; hintKey?: string; where: SQL | undefined; order?: SQL; substate?: (r: { stage: string; settlement: string | null; warranty: string | null; review: string | null }) => string | null; moreHref?: string },
): Promise<HomeSection> {
  const rows = await db
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      stage: projects.stage,
      settlement: settlementState,
      warranty: warrantyState,
      review: reviewState,
      updatedAt: projects.updatedAt,
      stageChangedAt: projects.stageChangedAt,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(projects)
    .where(opts.where)
    .orderBy(opts.order ?? desc(projects.updatedAt))
    .limit(LIMIT);
  return {
    key: opts.key,
    titleKey: opts.titleKey,
    hintKey: opts.hintKey,
    moreHref: opts.moreHref,
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      stage: r.stage,
      substate: opts.substate ? opts.substate(r) : null,
      at: (opts.order ? r.stageChangedAt : r.updatedAt).toISOString(),
    })),
  };
}

const memberOf = (user: SessionUser, parties: readonly string[]) =>
  exists(
    sql`(select 1 from ${projectMembers} where ${projectMembers.projectId} = ${projects.id} and ${projectMembers.userId} = ${user.id} and ${inArray(projectMembers.party, [...parties] as ("supervisor" | "client" | "designer")[])})`,
  );

export async function getHomeForUser(db: Db, user: SessionUser): Promise<HomeData> {
  const roles = new Set(user.roles);
  const jobs: Promise<HomeSection>[] = [];
  let stageCounts: Promise<{ stage: string; count: number }[]> = Promise.resolve([]);
  const visibility = projectVisibility(user);
  const visible = (cond: SQL) => (visibility ? and(visibility, cond) : cond);

  if (roles.has("pm")) {
    const mine = and(eq(projects.pmId, user.id), notInArray(projects.stage, OPEN_EXCLUDED));
    stageCounts = db
      .select({ stage: projects.stage, count: sql<number>`count(*)::int` })
      .from(projects)
      .where(mine)
      .groupBy(projects.stage)
      .then((rows) => rows.map((r) => ({ stage: r.stage, count: Number(r.count) })));
    jobs.push(
      section(db, { key: "pmTurn", titleKey: "home.pm.myTurn", hintKey: "home.pm.myTurnHint", where: and(mine, inArray(projects.stage, PM_TURN_STAGES)), substate: handoverSubstate, moreHref: `/projects?pm=${user.id}` }),
      section(db, { key: "pmWaiting", titleKey: "home.pm.waiting", hintKey: "home.pm.waitingHint", where: and(mine, notInArray(projects.stage, PM_TURN_STAGES)), substate: reviewSubstate, moreHref: `/projects?pm=${user.id}` }),
    );
  }
  if (roles.has("management")) {
    jobs.push(
      section(db, { key: "decisions", titleKey: "home.management.decisions", where: visible(eq(projects.stage, "awaitingDecision")), order: desc(projects.stageChangedAt), moreHref: "/projects?stage=awaitingDecision" }),
      section(db, { key: "cancellations", titleKey: "home.management.cancellations", where: visible(eq(projects.stage, "cancelled")), order: desc(projects.stageChangedAt), moreHref: "/projects?stage=cancelled" }),
    );
  }
  if (roles.has("finance")) {
    jobs.push(
      section(db, {
        key: "settlements",
        titleKey: "home.finance.settlements",
        where: visible(and(eq(projects.stage, "handover"), sql`${settlementState} in ('submitted', 'retentionReleaseRequested')`)!),
        substate: handoverSubstate,
        moreHref: "/finance",
      }),
    );
  }
  if (roles.has("service")) {
    jobs.push(
      section(db, {
        key: "warranty",
        titleKey: "home.service.warrantyExpiring",
        where: visible(and(eq(projects.stage, "handover"), sql`${warrantyState} = 'expiring'`)!),
        substate: (r) => (r.warranty ? `handover.warranty.${r.warranty}` : null),
        moreHref: "/projects?stage=handover",
      }),
    );
  }
  const parties = (["supervisor", "client", "designer"] as const).filter((p) => roles.has(p));
  if (parties.length > 0) {
    jobs.push(
      section(db, {
        key: "reviews",
        titleKey: "home.party.reviews",
        hintKey: "home.party.reviewsHint",
        where: and(memberOf(user, parties), inArray(projects.stage, ["entryReview", "acceptanceReview"])),
        substate: reviewSubstate,
      }),
    );
  }
  const [sections, counts] = await Promise.all([Promise.all(jobs), stageCounts]);
  return { sections, stageCounts: counts, canCreate: roles.has("pm") || roles.has("admin"), isAdmin: roles.has("admin") };
}

function handoverSubstate(r: { stage: string; settlement: string | null }): string | null {
  return r.stage === "handover" && r.settlement ? `handover.settlement.${r.settlement}` : null;
}

function reviewSubstate(r: { stage: string; review: string | null }): string | null {
  return (r.stage === "entryReview" || r.stage === "acceptanceReview") && r.review ? `${r.stage}.${r.review}` : null;
}
