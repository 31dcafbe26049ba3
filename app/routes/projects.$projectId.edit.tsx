import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { ProjectForm } from "~/components/project/project-form";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, PageHeader } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { forbidden } from "~/lib/http.server";
import { canEditProject, requireVisibleProject } from "~/lib/permissions.server";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { getProjectFormOptions, getProjectFormValues, getUserName } from "~/services/projects/get-project.server";
import { readProjectForm } from "~/services/projects/project-form";
import { isProjectEditable, updateProject } from "~/services/projects/update-project.server";

export const meta: MetaFunction = () => [{ title: "编辑项目 · 工程安装售后管理" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const project = await requireVisibleProject(db, user, params.projectId ?? "");
  if (!canEditProject(user, project)) forbidden();
  const [options, values, pmName] = await Promise.all([getProjectFormOptions(db), getProjectFormValues(db, project), getUserName(db, project.pmId)]);
  return {
    project: { id: project.id, code: project.code, name: project.name },
    editable: isProjectEditable(project),
    options,
    values,
    isAdmin: user.roles.includes("admin"),
    pmName,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const project = await requireVisibleProject(db, user, params.projectId ?? "");
  if (!canEditProject(user, project)) forbidden();
  const form = readProjectForm(await request.formData());
  const stamp = crypto.randomUUID();
  if (form.kind === "redraw") return data({ values: form.values, errors: {} as Record<string, string>, formError: null as string | null, stamp });
  if (form.kind === "invalid") return data({ values: form.values, errors: form.errors, formError: null, stamp }, { status: 400 });
  const result = await updateProject(db, user, project.id, form.data, requestInfo(request, context));
  if (!result.ok) {
    const status = result.formError === "error.conflict" || result.formError === "projects.edit.frozen" ? 409 : 400;
    return data({ values: form.values, errors: result.errors, formError: result.formError ?? null, stamp }, { status });
  }
  return redirect(`/projects/${project.id}?notice=${result.changed?.length ? "saved" : "unchanged"}`);
}

export default function EditProject() {
  const t = useT();
  const { project, editable, options, values, isAdmin, pmName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title={t("projects.edit.title", { code: project.code })} subtitle={project.name} />
      {editable ? (
        <ProjectForm
          key={result?.stamp ?? "initial"}
          values={result?.values ?? values}
          errors={result?.errors ?? {}}
          formError={result?.formError}
          options={options}
          pmChoice={isAdmin ? { kind: "select" } : { kind: "fixed", name: pmName }}
          submitLabel={t("form.save")}
          cancelHref={`/projects/${project.id}`}
        />
      ) : (
        <div className="space-y-4">
          <Alert tone="amber">{t("projects.edit.frozen")}</Alert>
          <Link to={`/projects/${project.id}`} className="btn-secondary">
            {t("common.back")}
          </Link>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
