// The acceptance records of one project as plain JSON, for the acceptance page and the API.
// The commissioning verdict is recomputed here too, so the page shows each line's deviation.
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { completionChecks, installedUnits, selfInspections, users } from "#db/schema";
import { evaluateCommissioning } from "./commissioning";
import type { AcceptanceRecords, InstalledUnitRecord, SelfInspectionRecord } from "./records-shared";

export async function loadAcceptanceRecords(db: Db, projectId: string): Promise<AcceptanceRecords> {
  const [check] = await db
    .select({ c: completionChecks, confirmedByName: users.name })
    .from(completionChecks)
    .leftJoin(users, eq(users.id, completionChecks.confirmedBy))
    .where(eq(completionChecks.projectId, projectId));
  const [inspection] = await db.select().from(selfInspections).where(eq(selfInspections.projectId, projectId));
  return {
    completion: check
      ? { completedOn: check.c.completedOn, note: check.c.note, confirmedAt: check.c.confirmedAt.toISOString(), confirmedByName: check.confirmedByName ?? null }
      : null,
    selfInspection: inspection ? selfInspectionRecord(inspection) : null,
    units: await loadInstalledUnits(db, projectId),
  };
}

export async function loadInstalledUnits(db: Db, projectId: string): Promise<InstalledUnitRecord[]> {
  const rows = await db.select().from(installedUnits).where(eq(installedUnits.projectId, projectId)).orderBy(asc(installedUnits.createdAt), asc(installedUnits.id));
  return rows.map((u) => ({ id: u.id, name: u.name, model: u.model, quantity: u.quantity, location: u.location, serialNumbers: u.serialNumbers }));
}

function selfInspectionRecord(row: typeof selfInspections.$inferSelect): SelfInspectionRecord {
  const evaluated = evaluateCommissioning({
    items: row.items, trialRunPassed: row.trialRunPassed, systemDesignM3h: row.systemDesignM3h, systemMeasuredM3h: row.systemMeasuredM3h, outlets: row.outlets,
  });
  return {
    inspectedOn: row.inspectedOn,
    foremanName: row.foremanName,
    items: row.items.map((i) => ({ name: i.name, ok: i.ok, note: i.note })),
    trialRunPassed: row.trialRunPassed,
    trialRunHours: row.trialRunHours,
    trialRunNote: row.trialRunNote,
    systemDesignM3h: row.systemDesignM3h,
    systemMeasuredM3h: row.systemMeasuredM3h,
    outlets: row.outlets.map((o) => ({ location: o.location, designM3h: o.designM3h, measuredM3h: o.measuredM3h })),
    passed: row.passed,
    evaluated,
    hasForemanSignature: Boolean(row.foremanSignatureFileId),
    foremanSignatureFileId: row.foremanSignatureFileId,
    recordedAt: row.recordedAt.toISOString(),
  };
}
