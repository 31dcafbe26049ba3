// 安装合同: the pm records the contract signed with the awarded company (RECORD_CONTRACT, with the
// signed file and the payment milestones, in one transaction); afterwards everyone who may see
// the bidding sees it read-only.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { ContractForm, rowsFromValues, type ContractFailure } from "~/components/bidding/contract-form";
import { ContractView } from "~/components/bidding/contract-view";
import { StageBadge } from "~/components/project/labels";
import { ProjectSections } from "~/components/project/project-sections";
import { projectSections } from "~/services/projects/project-sections.server";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, Card, PageHeader } from "~/components/ui/layout";
import { translate } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { requireComparisonViewer } from "~/services/bidding/load-comparison.server";
import { MAX_MILESTONES } from "~/services/bidding/milestone-rules";
import { loadContractView, recordContract } from "~/services/bidding/record-contract.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `安装合同 · ${data.project.code} · 工程安装售后管理` : "安装合同" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const project = await requireComparisonViewer(db, user, params.projectId ?? "");
  const view = await loadContractView(db, project);
  return {
    project: { id: project.id, code: project.code, name: project.name, stage: project.stage, version: project.version },
    ...view,
    sections: projectSections(user, project),
    canRecord: user.roles.includes("pm") && project.pmId === user.id && project.stage === "contracting" && !view.contract,
    recorded: new URL(request.url).searchParams.get("notice") === "recorded",
  };
}

function typedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("_") && k !== "intent" && k !== "version") values[k] = v.slice(0, 2000);
  return values;
}

/** Without JavaScript, "add/remove row" posts here: return the rows changed, write nothing. */
function editRows(values: Record<string, string>, intent: string): Record<string, string> {
  const rows = rowsFromValues(values);
  if (intent === "addRow" && rows.length < MAX_MILESTONES) rows.push({ trigger: "", label: "", percent: "" });
  const remove = /^removeRow:(\d+)$/.exec(intent);
  if (remove) rows.splice(Number(remove[1]), 1);
  const out: Record<string, string> = { contractNo: "", ...Object.fromEntries(Object.entries(values).filter(([k]) => !k.startsWith("milestones["))) };
  rows.forEach((r, i) => Object.entries(r).forEach(([f, v]) => (out[`milestones[${i}].${f}`] = v)));
  return out;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const locale = await getLocale(request);
  const project = await requireComparisonViewer(db, user, params.projectId ?? "");
  let upload;
  try {
    // A forged non-multipart post is read as a form without a file (refused beside the field).
    upload = /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")
      ? await readMultipartForm(request, { file: ["pdf", "image"] })
      : { form: await request.formData(), files: {} as Awaited<ReturnType<typeof readMultipartForm>>["files"], errors: {} as Record<string, string> };
  } catch (error) {
    if (!(error instanceof UploadTooLargeError)) throw error;
    return data({ intent: "record", message: "", errors: { file: "upload.tooLarge" }, values: {} } satisfies ContractFailure, { status: 413 });
  }
  const { form, files, errors: uploadErrors } = upload;
  const intent = String(form.get("intent") ?? "record");
  if (intent !== "record") return data({ intent, message: "", errors: {}, values: editRows(typedValues(form), intent) } satisfies ContractFailure);

  const versionText = String(form.get("version") ?? "");
  if (!/^\d{1,9}$/.test(versionText)) {
    return data({ intent, message: translate(locale, "error.conflict"), errors: {}, values: typedValues(form) } satisfies ContractFailure, { status: 409 });
  }
  const result = await recordContract(db, {
    projectId: project.id,
    user,
    form,
    file: files.file?.[0] ?? null,
    fileError: uploadErrors.file,
    expectedVersion: Number(versionText),
    info: requestInfo(request, context),
    locale,
  });
  if (result.ok) return redirect(`/projects/${project.id}/contract?notice=recorded`);
  const message = result.message || (Object.keys(result.errors).length ? translate(locale, "form.fixErrors") : "");
  return data({ intent, message, errors: result.errors, values: { ...typedValues(form), ...result.values } } satisfies ContractFailure, { status: result.status });
}

export default function ContractPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const failure = (useActionData<typeof action>() as ContractFailure | undefined) ?? null;
  const { id } = d.project;
  return (
    <div className="space-y-4">
      <ProjectSections projectId={d.project.id} sections={d.sections} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span>{t("bidding.contract.title")}</span>
            <span className="font-mono text-base text-slate-500">{d.project.code}</span>
            <StageBadge stage={d.project.stage} />
          </span>
        }
        subtitle={d.project.name}
        actions={
          <>
            <Link to={`/projects/${id}`} className="btn-secondary">
              {t("common.back")}
            </Link>
            <Link to={`/projects/${id}/comparison`} className="btn-secondary">
              {t("bidding.comparison.title")}
            </Link>
          </>
        }
      />
      {d.recorded ? <Alert tone="green">{t("bidding.contract.recorded")}</Alert> : null}
      {d.contract ? <ContractView contract={d.contract} /> : null}
      {!d.contract && d.canRecord ? (
        <Card title={t("bidding.contract.title")}>
          {d.awarded ? (
            <p className="mb-4 text-sm">
              <span className="text-slate-500">{t("bidding.contract.awarded")}：</span>
              <span className="font-semibold">{d.awarded.vendorName}</span>
            </p>
          ) : null}
          <ContractForm
            version={d.project.version}
            failure={failure}
            amountHint={d.awarded?.quoteTotalFen != null ? t("bidding.contract.quoteHint", { total: formatFen(d.awarded.quoteTotalFen) }) : null}
          />
        </Card>
      ) : null}
      {!d.contract && !d.canRecord ? <Alert tone="amber">{d.project.stage === "contracting" ? t("bidding.contract.notYet") : t("bidding.contract.notContracting")}</Alert> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
