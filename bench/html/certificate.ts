// The 竣工验收单 as HTML for Chromium's print-to-PDF: the same sections, rows, images (data URLs)
// and signing-record page as templates/pdf/completion-certificate.ts.
import { ACCEPTED_CONCLUSION, COMPLETION_CERTIFICATE_TITLE, PENDING_CONCLUSION } from "#templates/pdf/completion-certificate";
import { activeSigner, allApproved, PARTY_LABELS, type AcceptancePdfData, type AcceptancePdfSigner } from "#templates/pdf/acceptance-common";
import { shanghaiDate, shanghaiDateTime } from "#templates/pdf/base";
import { formatFen } from "~/lib/money";
import type { Meta } from "../pdf-fixtures";
import { dataUrl, esc, kvTable, page, table } from "./common";

const ok = (passed: boolean) => (passed ? `<td class="c">合格</td>` : `<td class="c bad">不合格</td>`);
const ROLES = { supervisor: "总监理工程师", client: "建设单位项目负责人", designer: "设计单位项目负责人" } as const;

const CSS = `
.block { display: flex; border: 0.7pt solid #333; min-height: 126pt; margin-bottom: 0; break-inside: avoid; }
.block + .block { border-top: none; }
.block .label { width: 78pt; background: #eee; border-right: 0.7pt solid #333; display: flex; align-items: center; justify-content: center; text-align: center; font-weight: 700; font-size: 10pt; white-space: pre-line; }
.block .body { flex: 1; padding: 6pt 8pt; position: relative; font-size: 9.5pt; }
.block .foot { position: absolute; left: 8pt; right: 8pt; bottom: 6pt; }
.block .sig { height: 32pt; vertical-align: middle; }
.block .seal { position: absolute; width: 72pt; height: 72pt; left: 45%; bottom: 12pt; }
.block .date { position: absolute; right: 0; bottom: 14pt; }
`;

function sealedBlock(label: string, lines: string[], unitLine: string, signerLabel: string, s: AcceptancePdfSigner | null, date: string | null, typedName?: string): string {
  const sig = s?.signaturePng ? `<img class="sig" src="${dataUrl(s.signaturePng)}">` : esc(s ? s.typedSignature || s.signerName : typedName || "__________");
  const seal = s?.sealImage ? `<img class="seal" src="${dataUrl(s.sealImage)}">` : "";
  return `<div class="block"><div class="label">${esc(label)}</div><div class="body">${lines.filter(Boolean).map((l) => `<div>${esc(l)}</div>`).join("")}
<div class="foot"><div>${esc(unitLine)}</div><div>${esc(signerLabel)}（签字）：${sig}</div>${s ? `<div class="muted" style="font-size:7.5pt">${esc(`${s.signerRole} ${s.signerName}`)}</div>` : ""}
<div class="date">日期：${date ? shanghaiDate(date) : "______年____月____日"}</div></div>${seal}</div></div>`;
}

export function certificateHtml(data: AcceptancePdfData, meta: Meta): string {
  const c = data.content;
  const a = c.acceptance;
  const k = c.commissioning!;
  const out: string[] = [];
  out.push(`<h2>一、工程概况</h2>`, kvTable([
    ["工程名称", c.project.name, "项目编号", c.project.code],
    ["工程地点", c.project.siteAddress],
    ["合同编号", c.contract?.number ?? "—", "合同金额", c.contract ? formatFen(c.contract.amountFen) : "—"],
    ["合同签订日期", c.contract?.signedOn ?? "—", "项目经理", c.pmName || "—"],
    ["开工日期", c.startedOn ?? "—", "竣工日期", c.completedOn ?? "—"],
    ["验收日期", `${a.date}${a.startTime ? ` ${a.startTime}` : ""}`, "验收地点", a.place || "—"],
  ]));
  const p = c.parties;
  out.push(`<h2>二、参建单位</h2>`, table([["单位类别", "20%"], "单位名称"], [["建设单位", p.client], ["监理单位", p.supervision], ["设计单位", p.design], ["施工单位", p.contractor], ["安装单位", p.installer]].map(([kind, name]) => [`<td class="k">${esc(kind)}</td>`, esc(name)])));
  out.push(`<h2>三、设备清单</h2>`, table([["序号", "6%"], "名称", "型号", ["数量", "7%"], "安装位置", ["序列号", "32%"]], c.equipment.map((e, i) => [String(i + 1), esc(e.name), esc(e.model), String(e.quantity), esc(e.location), esc(e.serialNumbers.join("、") || "—")]), ["c", "", "", "r"]));
  out.push(`<h2>四、调试及试运行结果</h2><p>自检日期：${esc(k.inspectedOn ?? "—")}　　现场负责人：${esc(k.foremanName)}</p>`);
  out.push(table([["序号", "6%"], ["检查项目", "50%"], ["结果", "10%"], "备注"], [...k.items.map((it, i) => [String(i + 1), esc(it.name), ok(it.ok), esc(it.note)]), [String(k.items.length + 1), `设备试运行（${k.trialRun.hours} 小时）`, ok(k.trialRun.passed), esc(k.trialRun.note)]], ["c"]));
  const air = (label: string, l: { designM3h: number; measuredM3h: number; deviationPct: string; passed: boolean }, tol: string) => [esc(label), String(l.designM3h), String(l.measuredM3h), `${l.deviationPct}%`, tol, ok(l.passed)];
  out.push(table([["风量测试", "30%"], "设计风量 (m³/h)", "实测风量 (m³/h)", "偏差", "允许偏差", "结论"], [...(k.system ? [air("系统总风量", k.system, "±10%")] : []), ...k.outlets.map((o) => air(`风口：${o.location}`, o, "±15%"))], ["", "r nw", "r nw", "r nw", "c"]));
  out.push(`<p><b>自检结论：${k.passed ? "合格" : "不合格"}</b></p>`);
  out.push(`<h2>五、竣工资料核查</h2>`, table([["序号", "6%"], "资料名称", "文件", "SHA-256（前12位）", ["核查", "12%"]], c.documents.map((d, i) => [String(i + 1), esc(d.label), esc(d.fileName ?? "—"), d.fileSha256 ? d.fileSha256.slice(0, 12) : "—", d.fileId ? `<td class="c">齐全</td>` : `<td class="c bad">缺</td>`]), ["c", "", "", "nw"]));
  out.push(`<h2>六、质量问题及整改情况</h2>`, table(["通知单编号", ["事由", "48%"], "整改情况", "整改完成日期"], c.defects.map((d) => [esc(d.number), esc(d.subject), d.status === "closed" ? `<td class="c">已整改</td>` : `<td class="c bad">未整改</td>`, esc(d.closedOn ?? "—")]), ["", "", "", "c"]));
  out.push(`<h2>七、验收结论</h2><p style="font-size:11pt;font-weight:700">${allApproved(data) ? ACCEPTED_CONCLUSION : PENDING_CONCLUSION}</p>`);
  out.push(`<h2>八、参验单位签章</h2>`);
  out.push(sealedBlock("施工单位", ["工程已按合同及设计要求完成，经自检合格。"], `施工单位（盖章）：${p.contractor}`, "项目经理", null, data.requestedAt, c.pmName));
  for (const party of ["supervisor", "client", "designer"] as const) {
    const s = activeSigner(data, party);
    out.push(sealedBlock(`${PARTY_LABELS[party]}\n验收意见`, s ? [`结论：${s.decision === "approved" ? "同意验收" : "不同意验收"}`, s.opinion] : [""], `${PARTY_LABELS[party]}（盖章）：${s?.organisation || p[party === "supervisor" ? "supervision" : party === "client" ? "client" : "design"]}`, s?.signerRole || ROLES[party], s, s?.signedAt ?? null));
  }
  // Signing record page.
  out.push(`<div class="page-break"></div><h1 style="font-size:14pt">签署记录 / Signing record</h1><p class="muted">验收轮次：第 ${c.round} 轮　　时间均为北京时间（Asia/Shanghai）</p>`);
  const t = (v: string | null) => (v ? shanghaiDateTime(v) : "—");
  data.signers.forEach((s, i) => {
    const kk = (x: string) => `<td class="k">${esc(x)}</td>`;
    out.push(`<h2>${i + 1}. ${PARTY_LABELS[s.party]}  ${esc(s.signerName)}</h2><table style="font-size:8.5pt"><tbody>
<tr>${kk("姓名")}<td>${esc(s.signerName)}</td>${kk("职务")}<td>${esc(s.signerRole)}</td>${kk("签署结论")}<td>${s.decision === "approved" ? "同意验收" : "不同意验收"}</td></tr>
<tr>${kk("单位")}<td colspan="3">${esc(s.organisation)}</td>${kk("IP 地址")}<td>${esc(s.ip)}</td></tr>
<tr>${kk("电子邮箱")}<td colspan="3">${esc(s.recipientEmail ?? "—")}</td>${kk("内容核对")}<td>${s.contentSha256 === data.contentSha256 ? "与当前内容一致" : "与当前内容不一致"}</td></tr>
<tr>${kk("链接发送")}<td>${t(s.sentAt)}</td>${kk("首次查看")}<td>${t(s.openedAt)}</td>${kk("签署时间")}<td>${t(s.signedAt)}</td></tr>
<tr>${kk("浏览器")}<td colspan="5">${esc(s.userAgent)}</td></tr>
<tr>${kk("内容 SHA-256")}<td colspan="5" style="word-break:break-all">${esc(s.contentSha256)}</td></tr></tbody></table>`);
  });
  out.push(`<p style="font-weight:700;font-size:9.5pt;word-break:break-all">当前内容 SHA-256：${data.contentSha256}</p><p class="muted" style="font-size:8.5pt">签署内容 SHA-256 是签署人所见验收内容（规范化 JSON）的摘要；内容的任何后续修改都会得到不同的摘要，须重新签署。</p>`);
  return page(COMPLETION_CERTIFICATE_TITLE, meta, out.join("\n"), CSS);
}
