// 监理通知与整改 (A.0.3 / B.0.9): notices issued by the supervisor by link, recorded from paper, or
// created by a rejected acceptance; the pm (or installer) replies with evidence; only the
// supervisor's accepted verification closes a notice.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { StageBadge } from "~/components/project/labels";
import { ProjectSections } from "~/components/project/project-sections";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { RectificationList, type ReplyFailure } from "~/components/site/rectification-list";
import { RectificationPaperForm } from "~/components/site/rectification-paper-form";
import { Alert, Card, PageHeader } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { projectSections } from "~/services/projects/project-sections.server";
import { requireQualityProject } from "~/services/site/material-access.server";
import { listRectifications } from "~/services/site/rectification-list.server";
import { recordPaperNotice, requestRectificationIssueLink } from "~/services/site/rectification-notices.server";
import { replyToRectification, resendVerificationLink } from "~/services/site/rectification-replies.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `监理通知与整改 · ${data.project.code}` : "监理通知与整改" }];

const NOTICES = ["recorded", "replied", "issueLink", "resent", "linkNotSent"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const { project, canEdit, canReply, inConstruction } = await requireQualityProject(db, user, params.projectId ?? "");
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    project: { id: project.id, code: project.code, name: project.name, stage: project.stage },
    sections: projectSections(user, project),
    ...(await listRectifications(db, project.id)),
    canWrite: canEdit && inConstruction,
    canReply: canReply && inConstruction,
    inConstruction,
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? notice : null,
  };
}

type Failure = { intent: string; rectificationId: string; formError: string; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const { project } = await requireQualityProject(db, user, params.projectId ?? "");
  const info = requestInfo(request, context);
  const back = (notice: string) => redirect(`/projects/${project.id}/rectifications?notice=${notice}`);
  let upload;
  try {
    upload = /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")
      ? await readMultipartForm(request, { photos: ["image"] })
      : { form: await request.formData(), files: {} as Awaited<ReturnType<typeof readMultipartForm>>["files"], errors: {} as Record<string, string> };
  } catch (error) {
    if (!(error instanceof UploadTooLargeError)) throw error;
    return data({ intent: "reply", rectificationId: "", formError: "upload.tooLarge", errors: {}, values: {} } satisfies Failure, { status: 413 });
  }
  const { form, files, errors } = upload;
  const intent = String(form.get("intent") ?? "");
  const rectificationId = String(form.get("rectificationId") ?? "");
  const fail = (r: { status: number; formError: string; errors: Record<string, string>; values: Record<string, string> }) =>
    data({ intent, rectificationId, formError: r.formError, errors: r.errors, values: r.values } satisfies Failure, { status: r.status });
  if (intent === "paper") {
    const r = await recordPaperNotice(db, { projectId: project.id, user, form, info });
    return r.ok ? back("recorded") : fail(r);
  }
  if (intent === "issueLink") {
    const r = await requestRectificationIssueLink(db, { projectId: project.id, user, info });
    return r.ok ? back("issueLink") : fail(r);
  }
  if (intent === "resendVerification") {
    const r = await resendVerificationLink(db, { projectId: project.id, user, rectificationId, info });
    return r.ok ? back("resent") : fail(r);
  }
  if (intent === "reply") {
    const r = await replyToRectification(db, { projectId: project.id, user, rectificationId, content: String(form.get("content") ?? ""), photos: files.photos ?? [], photoError: errors.photos, info });
    return r.ok ? back(r.linkSent ? "replied" : "linkNotSent") : fail(r);
  }
  return fail({ status: 400, formError: "error.generic", errors: {}, values: {} });
}

export default function RectificationsPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const failure = (useActionData<typeof action>() as Failure | undefined) ?? null;
  const replyFailure: ReplyFailure | null = failure?.intent === "reply" && failure.rectificationId ? failure : null;
  return (
    <div className="space-y-4">
      <ProjectSections projectId={d.project.id} sections={d.sections} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span>{t("rectifications.title")}</span>
            <span className="font-mono text-base text-slate-500">{d.project.code}</span>
            <StageBadge stage={d.project.stage} />
          </span>
        }
        subtitle={t("rectifications.subtitle")}
        actions={<Link to={`/projects/${d.project.id}`} className="btn-secondary">{t("common.back")}</Link>}
      />
      {d.notice ? <Alert tone={d.notice === "linkNotSent" ? "amber" : "green"}>{t(d.notice === "linkNotSent" ? "rectifications.linkNotSent" : `rectifications.done.${d.notice}`)}</Alert> : null}
      {failure && failure.intent !== "paper" && !replyFailure ? <Alert tone="red">{t(failure.formError)}</Alert> : null}
      {!d.inConstruction ? <Alert tone="amber">{t("materials.notConstruction")}</Alert> : null}
      <p className="text-sm text-slate-600">{t("rectifications.closedOnlyByVerification")}</p>
      {d.issueLink ? (
        <p className="text-sm text-slate-600">
          {t("rectifications.issueLink", { status: t(`materials.link.status.${d.issueLink.status}`), name: d.issueLink.recipientName || d.issueLink.recipientEmail, date: d.issueLink.expiresAt.slice(0, 10) })}
        </p>
      ) : null}
      {d.canWrite ? (
        <Form method="post">
          <button type="submit" name="intent" value="issueLink" className="btn-secondary">{t("rectifications.requestIssueLink")}</button>
        </Form>
      ) : null}
      <RectificationList notices={d.notices} canReply={d.canReply} failure={replyFailure} />
      {d.canWrite ? (
        <Card title={t("rectifications.recordPaper")}>
          <RectificationPaperForm failure={failure?.intent === "paper" ? failure : null} />
        </Card>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
