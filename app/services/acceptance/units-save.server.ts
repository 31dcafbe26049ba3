// 设备清单: the equipment installed on site, added and removed one line at a time. A serial number
// identifies one physical unit, so it may be on one line of one project only (the warranty
// follows it); the message about another project names neither that project nor its code.
import { and, eq, sql } from "drizzle-orm";
import { installedUnits } from "#db/schema";
import { rowsOf, type Db } from "#db/client";
import { encodeMessage, LIMITS, parseSerialNumbers, wholeNumber } from "./records-shared";
import { editRefusal, failure, writeRecords, type RecordsResult, type RecordsWriteInput } from "./records-write.server";

export interface UnitData { name: string; model: string; quantity: number; location: string; serialNumbers: string[] }

const text = (v: unknown) => (typeof v === "string" ? v.replace(/\r\n/g, "\n").trim() : typeof v === "number" ? String(v) : "");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseUnit(object: Record<string, unknown>) {
  // The API may send the serial numbers as a JSON array; the form sends the textarea.
  const serialText = Array.isArray(object.serialNumbers) ? object.serialNumbers.map(text).join("\n") : text(object.serialNumbers);
  const values = { name: text(object.name), model: text(object.model), quantity: text(object.quantity), location: text(object.location), serialNumbers: serialText };
  const errors: Record<string, string> = {};
  if (!values.name) errors.name = "form.required";
  else if (values.name.length > LIMITS.unitName) errors.name = "form.tooLong";
  if (values.model.length > LIMITS.unitModel) errors.model = "form.tooLong";
  if (values.location.length > LIMITS.unitLocation) errors.location = "form.tooLong";
  const quantity = wholeNumber(values.quantity);
  if (!values.quantity) errors.quantity = "form.required";
  else if (quantity === null || quantity < 1 || quantity > LIMITS.maxQuantity) errors.quantity = encodeMessage("acceptanceRecords.unit.quantityRange", { max: LIMITS.maxQuantity });
  const serialNumbers = parseSerialNumbers(serialText);
  if (serialNumbers.some((s) => s.length > LIMITS.serialNumber)) errors.serialNumbers = "form.tooLong";
  else if (quantity !== null && !errors.quantity && serialNumbers.length > quantity) {
    errors.serialNumbers = encodeMessage("acceptanceRecords.unit.serialsExceedQuantity", { count: serialNumbers.length, quantity });
  }
  if (Object.keys(errors).length || quantity === null) return { ok: false as const, errors, values };
  return { ok: true as const, values, data: { name: values.name, model: values.model, quantity, location: values.location, serialNumbers } satisfies UnitData };
}

/** Which of `serials` are already registered (case-insensitively), on this project or on others. */
async function registeredSerials(tx: Db, projectId: string, serials: string[]) {
  if (serials.length === 0) return { here: [] as string[], elsewhere: [] as string[] };
  const wanted = new Map(serials.map((s) => [s.toUpperCase(), s]));
  const list = sql.join([...wanted.keys()].map((s) => sql`${s}`), sql`, `);
  const rows = rowsOf<{ projectId: string; serial: string }>(await tx.execute(sql`
    select u.project_id as "projectId", upper(s.serial) as "serial"
    from ${installedUnits} u, jsonb_array_elements_text(u.serial_numbers) as s(serial)
    where upper(s.serial) in (${list})`));
  const pick = (own: boolean) => [...new Set(rows.filter((r) => (r.projectId === projectId) === own).map((r) => wanted.get(r.serial) ?? r.serial))];
  return { here: pick(true), elsewhere: pick(false) };
}

export async function addInstalledUnit(input: RecordsWriteInput & { object: Record<string, unknown> }): Promise<RecordsResult<{ id: string }>> {
  const parsed = parseUnit(input.object);
  const refused = editRefusal(input.access, parsed.values);
  if (refused) return refused;
  if (!parsed.ok) return failure(400, "form.fixErrors", { errors: parsed.errors, values: parsed.values });
  const d = parsed.data;
  return writeRecords({ ...input, values: parsed.values, reason: `添加了设备：${d.name}` }, async (tx, project) => {
    // Serialise registrations so two projects cannot take the same serial number at once.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('installed_units.serial_numbers'))`);
    const taken = await registeredSerials(tx, project.id, d.serialNumbers);
    if (taken.elsewhere.length) {
      return failure(400, "form.fixErrors", { values: parsed.values, errors: { serialNumbers: encodeMessage("acceptanceRecords.unit.serialElsewhere", { serials: taken.elsewhere.join("、") }) } });
    }
    if (taken.here.length) {
      return failure(400, "form.fixErrors", { values: parsed.values, errors: { serialNumbers: encodeMessage("acceptanceRecords.unit.serialHere", { serials: taken.here.join("、") }) } });
    }
    const [row] = await tx.insert(installedUnits).values({ projectId: project.id, ...d, createdBy: input.user.id }).returning({ id: installedUnits.id });
    return { id: row.id };
  });
}

export async function removeInstalledUnit(input: RecordsWriteInput & { unitId: string }): Promise<RecordsResult<{ id: string }>> {
  const values = { id: input.unitId };
  const refused = editRefusal(input.access, values);
  if (refused) return refused;
  if (!UUID.test(input.unitId)) return failure(404, "error.notFound", { values });
  return writeRecords<{ id: string; name: string }>({ ...input, values, reason: (v) => `删除了设备：${v.name}` }, async (tx, project) => {
    const [removed] = await tx
      .delete(installedUnits)
      .where(and(eq(installedUnits.id, input.unitId), eq(installedUnits.projectId, project.id)))
      .returning({ id: installedUnits.id, name: installedUnits.name });
    return removed ?? failure(404, "error.notFound", { values });
  });
}

