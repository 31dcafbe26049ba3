/**
 * A JSON object flattened to form fields (`equipment[0].model`), so the API validates with exactly
 * the schema and messages the page form uses.
 */
export function objectToFormData(value: Record<string, unknown>): FormData {
  const form = new FormData();
  const walk = (v: unknown, path: string) => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (typeof v === "object") Object.entries(v as Record<string, unknown>).forEach(([k, x]) => walk(x, path ? `${path}.${k}` : k));
    else form.append(path, String(v));
  };
  walk(value, "");
  return form;
}
