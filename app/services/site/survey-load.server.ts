import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { surveyObstacles, surveys, type projects } from "#db/schema";
import { listPhotos, type PhotoView } from "./photos.server";

export interface SurveyView {
  siteLeadName: string;
  crewLeadName: string;
  surveyedOn: string | null;
  conditions: string;
  drawingsConfirmed: boolean;
  updatedAt: string | null;
  obstacles: { id: string; description: string; plan: string }[];
  photos: PhotoView[];
}

/** The survey as stored (empty fields when nothing was saved yet), for the page and the API. */
export async function loadSurvey(db: Db, project: Pick<typeof projects.$inferSelect, "id">): Promise<SurveyView> {
  const [row] = await db.select().from(surveys).where(eq(surveys.projectId, project.id));
  const obstacles = await db
    .select({ id: surveyObstacles.id, description: surveyObstacles.description, plan: surveyObstacles.plan })
    .from(surveyObstacles)
    .where(eq(surveyObstacles.projectId, project.id))
    .orderBy(asc(surveyObstacles.description), asc(surveyObstacles.id));
  return {
    siteLeadName: row?.siteLeadName ?? "",
    crewLeadName: row?.crewLeadName ?? "",
    surveyedOn: row?.surveyedOn ?? null,
    conditions: row?.conditions ?? "",
    drawingsConfirmed: row?.drawingsConfirmed ?? false,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    obstacles,
    photos: await listPhotos(db, project.id, "survey"),
  };
}
