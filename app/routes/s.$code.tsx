// The public service-request page the warranty card's QR code opens: no account, phone first.
// Spam and floods: every submission counts against a per-IP limit (429); a hidden "website" field
// that people never fill (filled → thanked, nothing written); a signed opened-at stamp (sooner
// than 3 s → asked to submit again, nothing written). Unknown codes get one generic 404.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { getDb } from "#db/client";
import { TicketRequestFields } from "~/components/service/ticket-request-fields";
import { FieldShell } from "~/components/ui/field";
import { Alert, Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { recordFailedAttempt, tooManyFailedAttempts } from "~/lib/public-links.server";
import { requestInfo } from "~/lib/request-info.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { checkFormStamp, issueFormStamp } from "~/services/service/form-stamp.server";
import { projectByServiceCode } from "~/services/service/service-code.server";
import { fileServiceRequest, gateServiceRequest, publicProject, type PublicServiceProject } from "~/services/service/service-request.server";

export const meta: MetaFunction = () => [
  { title: "售后报修 · Service request" },
  { name: "robots", content: "noindex" },
];
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

type Refused = { state: "notFound" | "rateLimited" };
type Done = { state: "done"; number: string | null };
type FormState = { state: "form"; values: Record<string, string>; errors: Record<string, string>; formError: string | null; stamp: string; hadPhotos: boolean };
type PageData = { state: "ok"; project: PublicServiceProject; stamp: string };

/** Six photos of 10 MB and the text fields. */
const REQUEST_FORM_BYTES = 62 * 1024 * 1024;

const refused = (state: Refused["state"]) => data({ state } as Refused, { status: state === "rateLimited" ? 429 : 404 });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const ip = requestInfo(request, context).ip || "unknown";
  // Codes are hard to guess; only misses count, so a customer reloading the page is never locked out.
  if (await tooManyFailedAttempts(db, "service-code", ip)) return refused("rateLimited");
  const project = await projectByServiceCode(db, params.code);
  if (!project) {
    await recordFailedAttempt(db, "service-code", ip);
    return refused("notFound");
  }
  return { state: "ok", project: publicProject(project), stamp: issueFormStamp(project.code) } satisfies PageData;
}

/** Photo type errors get the photo-specific message (the generic one mentions PDFs). */
const photoErrors = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, field === "photos" && key === "upload.badType" ? "serviceTickets.form.photoBadType" : key]));

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const ip = requestInfo(request, context).ip || "unknown";
  const gate = await gateServiceRequest(db, params.code, ip);
  if (gate.state !== "ok") return refused(gate.state);
  const { project } = gate;
  const again = (values: Record<string, string>, errors: Record<string, string>, formError: string | null, hadPhotos: boolean) =>
    data({ state: "form", values, errors, formError, stamp: issueFormStamp(project.code), hadPhotos } satisfies FormState, { status: 400 });
  let upload;
  try {
    upload = await readMultipartForm(request, { photos: ["image"] }, { maxFormBytes: REQUEST_FORM_BYTES });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return again({}, { photos: "upload.tooLarge" }, "upload.tooLarge", true);
    throw error;
  }
  const { form } = upload;
  const values = Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("_") && k !== "website").map(([k, v]) => [k, String(v)]));
  const photos = upload.files.photos ?? [];
  const hadPhotos = photos.length > 0 || Object.keys(upload.errors).length > 0;
  // Bots fill every field: thank them and write nothing (no number, nothing to follow up).
  if (String(form.get("website") ?? "").trim()) return { state: "done", number: null } satisfies Done;
  // Too fast, forged or stale: ask for the same form again, without saying why.
  if (checkFormStamp(form.get("_stamp"), project.code) !== "ok") return again(values, {}, "serviceTickets.request.tryAgain", hadPhotos);
  const result = await fileServiceRequest(db, project, form, { photos, uploadErrors: photoErrors(upload.errors), ip });
  if (!result.ok) return again(result.values, result.errors, "form.fixErrors", hadPhotos);
  return { state: "done", number: result.number } satisfies Done;
}

function Frame({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-2xl px-4 py-3 text-base font-semibold text-slate-900">{t("serviceTickets.request.title")}</div>
      </header>
      <main className="mx-auto max-w-2xl space-y-4 px-3 py-4 sm:px-4">{children}</main>
    </div>
  );
}

export default function ServiceRequestPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>() as PageData | Refused;
  const result = useActionData<typeof action>() as Refused | Done | FormState | undefined;
  const busy = useNavigation().state === "submitting";
  const refusal = result && (result.state === "notFound" || result.state === "rateLimited") ? result : page.state !== "ok" ? page : null;
  if (refusal || page.state !== "ok") {
    return (
      <Frame>
        <Alert tone="amber">{t(refusal?.state === "rateLimited" ? "serviceTickets.request.rateLimited" : "serviceTickets.request.notFound")}</Alert>
      </Frame>
    );
  }
  if (result?.state === "done") {
    return (
      <Frame>
        <Alert tone="green" title={t("serviceTickets.request.done")}>
          {result.number ? <p className="text-base font-semibold" data-testid="ticket-number">{t("serviceTickets.request.doneNumber", { number: result.number })}</p> : null}
          <p className="mt-1">{t("serviceTickets.request.donePromise")}</p>
        </Alert>
      </Frame>
    );
  }
  const { project } = page;
  const failure = result?.state === "form" ? result : undefined;
  const values = failure?.values ?? { siteAddress: project.siteAddress, area: "city" };
  const errors = failure?.errors ?? {};
  const warranty = project.warranty;
  return (
    <Frame>
      <Card>
        <p className="text-sm text-slate-500">{t("serviceTickets.request.project")}</p>
        <p className="text-lg font-semibold text-slate-900">{project.name}</p>
        <p className={`mt-1 text-sm font-medium ${warranty?.state === "expired" ? "text-amber-700" : warranty ? "text-emerald-700" : "text-slate-500"}`} data-testid="warranty-status">
          {warranty
            ? t(warranty.state === "expired" ? "serviceTickets.request.warranty.expired" : "serviceTickets.request.warranty.active", { date: warranty.endsOn })
            : t("serviceTickets.request.warranty.none")}
        </p>
        {project.units.length ? (
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-slate-600">{t("serviceTickets.request.units")}（{project.units.length}）</summary>
            <ul className="mt-2 space-y-1 text-slate-700">
              {project.units.map((u) => (
                <li key={u.id}>
                  {u.name}
                  {u.model ? ` · ${u.model}` : ""}
                  {u.location ? ` · ${u.location}` : ""}
                  {u.quantity > 1 ? ` × ${u.quantity}` : ""}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </Card>
      <Card>
        <p className="mb-4 text-sm text-slate-600">{t("serviceTickets.request.intro")}</p>
        {failure?.formError ? (
          <div className="mb-4">
            <Alert tone={failure.formError === "serviceTickets.request.tryAgain" ? "amber" : "red"}>{t(failure.formError)}</Alert>
          </div>
        ) : null}
        <Form method="post" encType="multipart/form-data" replace className="space-y-4" key={failure?.stamp ?? page.stamp}>
          <input type="hidden" name="_stamp" value={failure?.stamp ?? page.stamp} />
          {/* The honeypot: hidden from people and screen readers, filled by form-filling bots. */}
          <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
            <label htmlFor="f-website">{t("serviceTickets.request.honeypot")}</label>
            <input id="f-website" type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>
          <TicketRequestFields
            values={values}
            errors={errors}
            units={project.units.map((u) => ({ id: u.id, label: [u.name, u.model, u.location].filter(Boolean).join(" · ") }))}
          />
          <FieldShell id="f-photos" label={t("serviceTickets.field.photos")} error={errors.photos} hint={failure?.hadPhotos ? t("serviceTickets.field.photos.again") : t("serviceTickets.field.photos.hint")}>
            <input id="f-photos" type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple className="block w-full text-sm" />
          </FieldShell>
          <button type="submit" className="btn-primary w-full py-3 text-base sm:w-auto" disabled={busy}>
            {t("serviceTickets.request.submit")}
          </button>
        </Form>
      </Card>
    </Frame>
  );
}
