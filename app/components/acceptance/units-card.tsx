// 设备清单: the equipment installed on site, one line per kind and location, with serial numbers.
// The pm adds and removes lines while the records may change; everyone who sees the project reads it.
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { TextAreaField, TextField } from "~/components/ui/field";
import { Badge, Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { LIMITS, parseSerialNumbers, wholeNumber, type InstalledUnitRecord } from "~/services/acceptance/records-shared";
import { FailureAlert, failureFor, ReadOnlyNote, UnderReviewWarning, useFieldError, type RecordCardProps } from "./records-common";

function RemoveUnit({ unit, underReview }: { unit: InstalledUnitRecord; underReview: boolean }) {
  const t = useT();
  return (
    <Form
      method="post"
      action="?intent=removeUnit"
      preventScrollReset
      onSubmit={(e) => {
        const question = [t("acceptanceRecords.unit.removeConfirm", { name: unit.name }), underReview ? t("acceptanceRecords.underReviewWarning") : ""].filter(Boolean).join("\n\n");
        if (!window.confirm(question)) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={unit.id} />
      <button type="submit" className="btn-secondary px-3 py-1 text-sm">
        {t("acceptanceRecords.unit.remove")}
      </button>
    </Form>
  );
}

function AddUnitForm({ failure, underReview }: { failure: ReturnType<typeof failureFor>; underReview: boolean }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && (navigation.formAction ?? "").includes("intent=addUnit");
  const fieldError = useFieldError(failure);
  const v = (failure?.values ?? {}) as Partial<Record<"name" | "model" | "quantity" | "location" | "serialNumbers", string>>;
  const [serials, setSerials] = useState(v.serialNumbers ?? "");
  const [quantity, setQuantity] = useState(v.quantity ?? "1");
  const count = parseSerialNumbers(serials).length;
  const q = wholeNumber(quantity);
  return (
    <Form method="post" action="?intent=addUnit" preventScrollReset noValidate className="space-y-4">
      <h3 className="text-sm font-semibold text-slate-800">{t("acceptanceRecords.unit.addTitle")}</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" required maxLength={LIMITS.unitName} label={t("acceptanceRecords.unit.name")} defaultValue={v.name ?? ""} error={fieldError("name")} />
        <TextField name="model" maxLength={LIMITS.unitModel} label={t("acceptanceRecords.unit.model")} defaultValue={v.model ?? ""} error={fieldError("model")} autoCapitalize="characters" />
        <TextField name="quantity" required inputMode="numeric" pattern="[0-9]*" autoComplete="off" label={t("acceptanceRecords.unit.quantity")} value={quantity} onChange={(e) => setQuantity(e.target.value)} error={fieldError("quantity")} />
        <TextField name="location" maxLength={LIMITS.unitLocation} label={t("acceptanceRecords.unit.location")} defaultValue={v.location ?? ""} error={fieldError("location")} />
      </div>
      <TextAreaField
        name="serialNumbers"
        rows={3}
        label={t("acceptanceRecords.unit.serialNumbers")}
        value={serials}
        onChange={(e) => setSerials(e.target.value)}
        autoCapitalize="characters"
        spellCheck={false}
        error={fieldError("serialNumbers")}
        hint={`${t("acceptanceRecords.unit.serialHint")} ${t("acceptanceRecords.unit.serialCount", { count })}`}
      />
      {q !== null && count > q && !fieldError("serialNumbers") ? (
        <p className="text-sm text-amber-700" aria-live="polite">{t("acceptanceRecords.unit.serialsExceedQuantity", { count, quantity: q })}</p>
      ) : null}
      <UnderReviewWarning underReview={underReview} />
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
        {t("acceptanceRecords.unit.add")}
      </button>
    </Form>
  );
}

export function UnitsCard({ data, editable, readOnlyReason, result, underReview }: RecordCardProps<InstalledUnitRecord[]>) {
  const t = useT();
  const addFailure = failureFor(result, "addUnit");
  const removeFailure = failureFor(result, "removeUnit");
  const total = data.reduce((n, u) => n + u.quantity, 0);
  return (
    <div id="units" className="scroll-mt-4">
      <Card title={t("acceptanceRecords.units.title")} actions={data.length ? <Badge tone="blue">{t("acceptanceRecords.units.total", { lines: data.length, units: total })}</Badge> : null}>
        <ReadOnlyNote editable={editable} reason={readOnlyReason} />
        <p className="mb-3 text-sm text-slate-600">{t("acceptanceRecords.units.intro")}</p>
        <FailureAlert failure={removeFailure} />
        {data.length === 0 ? (
          <p className="mb-3 text-sm text-slate-500">{t("acceptanceRecords.units.none")}</p>
        ) : (
          <ul className="mb-4 divide-y divide-slate-100 rounded-md border border-slate-200">
            {data.map((u) => (
              <li key={u.id} className="flex flex-col gap-2 px-3 py-3 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0 text-sm">
                  <p className="font-medium text-slate-900">
                    {u.name}
                    {u.model ? <span className="ml-2 font-normal text-slate-500">{u.model}</span> : null}
                    <span className="ml-2 font-normal text-slate-700">× {u.quantity}</span>
                  </p>
                  {u.location ? <p className="text-slate-600">{t("acceptanceRecords.unit.location")}：{u.location}</p> : null}
                  {u.serialNumbers.length ? (
                    <p className="break-all text-xs text-slate-500">
                      {t("acceptanceRecords.unit.serialNumbers")}：{u.serialNumbers.join("、")}
                    </p>
                  ) : null}
                </div>
                {editable ? <RemoveUnit unit={u} underReview={underReview} /> : null}
              </li>
            ))}
          </ul>
        )}
        {editable ? (
          <>
            <FailureAlert failure={addFailure} />
            {/* Remounted when the list changes, so a saved line's fields are cleared. */}
            <AddUnitForm key={data.map((u) => u.id).join(",")} failure={addFailure} underReview={underReview} />
          </>
        ) : null}
      </Card>
    </div>
  );
}
