// 材料设备进场报审 (B.0.6): the pm submits entry requests with certificates while the project is in
// construction; the supervisor decides by link; rejected requests are marked not for use until resolved.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { StageBadge } from "~/components/project/labels";
import { ProjectSections } from "~/components/project/project-sections";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { MaterialForm, type MaterialFormFailure } from "~/components/site/material-form";
import { MaterialList } from "~/components/site/material-list";
import { Alert, Card, PageHeader } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { projectSections } from "~/services/projects/project-sections.server";
import { requireQualityProject, typedValues } from "~/services/site/material-access.server";
import { listMaterialInspections } from "~/services/site/material-list.server";
import { createMaterialRequest, MATERIAL_UPLOAD_FIELDS, MAX_MATERIAL_ITEMS } from "~/services/site/material-requests.server";
import { changeMaterialReviewLink, resolveMaterialRejection } from "~/services/site/material-resolve.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `材料设备进场报审 · ${data.project.code}` : "材料设备进场报审" }];

const NOTICES = ["created", "linkNotSent", "resolved", "resent", "revoked"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const { project, canEdit, inConstruction } = await requireQualityProject(db, user, params.projectId ?? "");
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    project: { id: project.id, code: project.code, name: project.name, stage: project.stage },
    sections: projectSections(user, project),
    rows: await listMaterialInspections(db, project.id),
    canWrite: canEdit && inConstruction,
    canEdit,
    inConstruction,
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? notice : null,
    maxItems: MAX_MATERIAL_ITEMS,
  };
}

/** Without JavaScript, add/remove row post here: the rows change, nothing is written. */
function editRows(values: Record<string, string>, intent: string): Record<string, string> {
  const add = /^addRow:(\d+)$/.exec(intent);
  if (add && Number(add[1]) < MAX_MATERIAL_ITEMS) values[`items[${add[1]}].name`] ??= "";
  const remove = /^removeRow:(\d+)$/.exec(intent);
  if (remove) for (const key of Object.keys(values)) if (key.startsWith(`items[${remove[1]}].`)) delete values[key];
  return values;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const { project } = await requireQualityProject(db, user, params.projectId ?? "");
  const info = requestInfo(request, context);
  const back = (notice: string) => redirect(`/projects/${project.id}/materials?notice=${notice}`);
  let upload;
  try {
    upload = /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")
      ? await readMultipartForm(request, MATERIAL_UPLOAD_FIELDS)
      : { form: await request.formData(), files: {}, errors: {} as Record<string, string> };
  } catch (error) {
    if (!(error instanceof UploadTooLargeError)) throw error;
    return data({ intent: "create", formError: "upload.tooLarge", errors: {}, values: {} } satisfies MaterialFormFailure, { status: 413 });
  }
  const { form, files, errors: uploadErrors } = upload;
  const intent = String(form.get("intent") ?? "create");
  const inspectionId = String(form.get("inspectionId") ?? "");
  if (/^(addRow|removeRow):\d+$/.test(intent)) {
    return data({ intent, formError: "", errors: {}, values: editRows(typedValues(form), intent) } satisfies MaterialFormFailure);
  }
  if (intent === "resolve") {
    const r = await resolveMaterialRejection(db, { projectId: project.id, user, inspectionId, note: String(form.get("note") ?? ""), info });
    if (r.ok) return back("resolved");
    return data({ intent, formError: r.errors.note ?? r.formError, errors: {}, values: {} } satisfies MaterialFormFailure, { status: r.status });
  }
  if (intent === "resend" || intent === "revoke") {
    const r = await changeMaterialReviewLink(db, { projectId: project.id, user, inspectionId, resend: intent === "resend", info });
    if (r.ok) return back(intent === "resend" ? "resent" : "revoked");
    return data({ intent, formError: r.formError, errors: {}, values: {} } satisfies MaterialFormFailure, { status: r.status });
  }
  const r = await createMaterialRequest(db, { projectId: project.id, user, form, files, uploadErrors, info });
  if (r.ok) return back(r.linkSent ? "created" : "linkNotSent");
  return data({ intent, formError: r.formError, errors: r.errors, values: r.values } satisfies MaterialFormFailure, { status: r.status });
}

export default function MaterialsPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const failure = (useActionData<typeof action>() as MaterialFormFailure | undefined) ?? null;
  const formFailure = failure && failure.intent !== "resolve" && failure.intent !== "resend" && failure.intent !== "revoke" ? failure : null;
  return (
    <div className="space-y-4">
      <ProjectSections projectId={d.project.id} sections={d.sections} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span>{t("materials.title")}</span>
            <span className="font-mono text-base text-slate-500">{d.project.code}</span>
            <StageBadge stage={d.project.stage} />
          </span>
        }
        subtitle={t("materials.subtitle")}
        actions={<Link to={`/projects/${d.project.id}`} className="btn-secondary">{t("common.back")}</Link>}
      />
      {d.notice ? <Alert tone={d.notice === "linkNotSent" ? "amber" : "green"}>{t(d.notice === "linkNotSent" ? "materials.linkNotSent" : `materials.done.${d.notice}`)}</Alert> : null}
      {failure && !formFailure && failure.formError ? <Alert tone="red">{t(failure.formError)}</Alert> : null}
      {!d.inConstruction ? <Alert tone="amber">{t("materials.notConstruction")}</Alert> : !d.canEdit ? <Alert tone="blue">{t("materials.readOnly")}</Alert> : null}
      <MaterialList rows={d.rows} canWrite={d.canWrite} />
      {d.canWrite ? (
        <Card title={t("materials.new")}>
          <MaterialForm failure={formFailure} maxItems={d.maxItems} />
        </Card>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
