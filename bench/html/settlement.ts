// The 工程结算书 as HTML for Chromium's print-to-PDF: the same overview, summary (figures and
// Chinese uppercase from the same fen), line table, basis and signature lines as
// templates/pdf/settlement-statement.ts.
import { shanghaiDate } from "#templates/pdf/base";
import { basisPointsPercent, GUARANTEE_WORDING, LINE_KIND_LABELS, SETTLEMENT_TITLE, signedFen } from "#templates/pdf/settlement-statement";
import { formatFen } from "~/lib/money";
import { rmbInWords } from "~/lib/rmb-uppercase";
import type { SettlementStatementData } from "~/services/settlement/settlement-types";
import type { Meta } from "../pdf-fixtures";
import { esc, kvTable, page, table } from "./common";

const CSS = `.sign { display: flex; gap: 14pt; margin-top: 12pt; font-size: 10pt; } .sign > div { flex: 1; border-bottom: 0.6pt solid #333; padding-bottom: 2pt; }
.sign2 { display: flex; justify-content: space-between; margin-top: 12pt; font-size: 10pt; }`;

const words = (fen: number) => `<td><b>大写：${fen < 0 ? `${rmbInWords(-fen)}（负数，应退还）` : rmbInWords(fen)}</b></td>`;
const orDash = (v: string | null | undefined) => (v && v.trim() ? v : "—");

export function settlementHtml(data: SettlementStatementData, meta: Meta): string {
  const f = data.figures;
  const r = data.retention;
  const period = `缺陷责任期 ${r.defectMonths} 个月${f.retentionDueOn ? `，到期日 ${f.retentionDueOn}` : ""}`;
  const retention = r.mode === "guarantee" ? `${GUARANTEE_WORDING}；${period}` : `按结算总价的 ${basisPointsPercent(f.retentionBasisPoints)} 预留；${period}`;
  const k = (x: string) => `<td class="k">${esc(x)}</td>`;
  const total = data.lines.reduce((s, l) => s + l.amountFen, 0);
  const body = [
    `<h2>一、工程概况</h2>`,
    kvTable([
      ["工程名称", data.project.name, "项目编号", data.project.code],
      ["工程地点", orDash(data.project.siteAddress)],
      ["发包人", orDash(data.client), "承包人", orDash(data.contractor)],
      ["合同编号", orDash(data.contract.number), "合同签订日期", orDash(data.contract.signedOn)],
      ["竣工验收日期", orDash(data.acceptedOn), "结算版本", `V${data.version}`],
    ]),
    `<h2>二、结算汇总</h2>`,
    table([["序号", "6%"], ["项目", "22%"], ["金额（元）", "17%"], "说明"], [
      ["1", k("合同金额"), formatFen(f.contractAmountFen), "经双方签订的合同价款"],
      ["2", k("变更/签证"), signedFen(f.variationsFen), "经批准的设计变更及现场签证增减合计，见明细"],
      ["3", k("扣款"), signedFen(f.deductionsFen), "扣款合计，见明细"],
      ["4", k("结算总价（1+2+3）"), `<b>${formatFen(f.finalTotalFen)}</b>`, words(f.finalTotalFen)],
      ["5", k(`质量保证金（${basisPointsPercent(f.retentionBasisPoints)}）`), formatFen(f.retentionFen), esc(retention)],
      ["6", k("已付金额"), formatFen(f.paidFen), "截至本结算书编制日累计已付"],
      ["7", k("本次应付金额（4-5-6）"), `<b>${formatFen(f.payableNowFen)}</b>`, words(f.payableNowFen)],
    ], ["c", "", "r nw"]),
    `<h2>三、变更/签证及扣款明细</h2>`,
    table([["序号", "6%"], ["类别", "7%"], ["编号", "11%"], ["事由", "43%"], ["金额（元）", "14%"], ["批准人", "8%"], ["批准日期", "11%"]], [
      ...data.lines.map((l, i) => [String(i + 1), LINE_KIND_LABELS[l.kind], esc(l.number), esc(l.reason), l.amountFen < 0 ? `<td class="r nw" style="color:#c2410c">${signedFen(l.amountFen)}</td>` : signedFen(l.amountFen), esc(orDash(l.approvedBy)), l.approvedOn ? shanghaiDate(l.approvedOn) : "—"]),
      [`<td colspan="4" class="c"><b>合计</b></td>`, `<td class="r nw"><b>${signedFen(total)}</b></td>`, "", ""],
    ], ["c", "c", "", "", "r nw", "c", "c nw"]),
    `<div style="break-inside:avoid"><h2>四、编制依据</h2><p style="font-size:9.5pt">${esc(data.basis.trim() || "—")}</p>`,
    `<div class="sign"><div>编制人（签字）：${esc(data.preparedBy)}</div><div>项目经理（签字）：${esc(data.pmName)}</div><div>财务审核（签字）：${esc(data.financeName ?? "")}</div></div>`,
    `<div class="sign2"><span>日期：${data.approvedAt ? shanghaiDate(data.approvedAt) : "______年____月____日"}</span><b>${esc(meta.companyName)}（单位盖章）</b></div></div>`,
  ].join("\n");
  return page(SETTLEMENT_TITLE, meta, body, CSS);
}
