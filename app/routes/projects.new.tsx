import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { ProjectForm } from "~/components/project/project-form";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { PageHeader } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { forbidden } from "~/lib/http.server";
import { canCreateProject } from "~/lib/permissions.server";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { createProject, suggestProjectCode } from "~/services/projects/create-project.server";
import { getProjectFormOptions } from "~/services/projects/get-project.server";
import { readProjectForm } from "~/services/projects/project-form";

export const meta: MetaFunction = () => [{ title: "新建项目 · 工程安装售后管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canCreateProject(user)) forbidden();
  const db = getDb();
  const [options, code] = await Promise.all([getProjectFormOptions(db), suggestProjectCode(db)]);
  const isAdmin = user.roles.includes("admin");
  return {
    options,
    isAdmin,
    userName: user.name,
    initial: { code, pmId: isAdmin && !user.roles.includes("pm") ? "" : user.id } as Record<string, string>,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!canCreateProject(user)) forbidden();
  const form = readProjectForm(await request.formData());
  const stamp = crypto.randomUUID();
  if (form.kind === "redraw") return data({ values: form.values, errors: {} as Record<string, string>, formError: null as string | null, stamp });
  if (form.kind === "invalid") return data({ values: form.values, errors: form.errors, formError: null, stamp }, { status: 400 });
  const result = await createProject(getDb(), user, form.data, requestInfo(request, context));
  if (!result.ok) return data({ values: form.values, errors: result.errors, formError: result.formError ?? null, stamp }, { status: 400 });
  return redirect(`/projects/${result.id}?notice=created`);
}

export default function NewProject() {
  const t = useT();
  const { options, isAdmin, userName, initial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title={t("projects.new.title")} subtitle={t("projects.new.subtitle")} />
      <ProjectForm
        key={result?.stamp ?? "initial"}
        values={result?.values ?? initial}
        errors={result?.errors ?? {}}
        formError={result?.formError}
        options={options}
        pmChoice={isAdmin ? { kind: "select" } : { kind: "fixed", name: userName }}
        submitLabel={t("form.create")}
        cancelHref="/projects"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
