import { formatFen } from "~/lib/money";
import { rmbInWords } from "~/lib/rmb-uppercase";
import { keyValueTable } from "./acceptance-common";
import { COLORS, renderDocument, shanghaiDateTime, type DocumentMeta, type PdfFrame } from "./base";
import { drawInk } from "./ink";

/**
 * 产品(设备)售后服务维修记录单 (004 附件 1): one ticket from report to the customer's confirmation —
 * the customer and unit, the channel, each step's time with the SLA met or missed, the fault, the
 * diagnosis and coverage (the exclusion, the maintenance contract or the accepted quote in figures
 * and uppercase), the cause category, parts, hours and resolution, and the customer's drawn
 * signature beside the technician.
 */
export const SERVICE_RECORD_TITLE = "产品(设备)售后服务维修记录单";

export interface ServiceRecordData {
  ticket: {
    number: string;
    channel: string;
    status: string;
    reporterName: string;
    contactPhone: string;
    siteAddress: string;
    description: string;
    diagnosis: string;
    coverage: "warranty" | "contract" | "paid" | null;
    exclusion: string | null;
    causeCategory: string | null;
    partsReplaced: string;
    minutesSpent: number | null;
    resolution: string;
    customerSignerName: string;
    receivedAt: string;
    contactDueAt: string;
    contactedAt: string | null;
    diagnosedAt: string | null;
    arrivalDueAt: string | null;
    scheduledFor: string | null;
    onSiteAt: string | null;
    resolvedAt: string | null;
    confirmedAt: string | null;
  };
  project: { code: string; name: string; siteAddress: string; client: string };
  unit: { name: string; model: string; location: string } | null;
  serialNumber: string;
  warrantyEndsOn: string | null;
  contract: { number: string; startsOn: string; endsOn: string } | null;
  /** The accepted (or latest) quote of paid work. */
  quote: { amountFen: number; items: string; validUntil: string; decision: string | null; decidedName: string; decidedAt: string | null } | null;
  technician: string;
  signaturePng: Buffer | null;
}

export const CHANNEL_LABELS: Record<string, string> = { hotline: "服务热线", regionalManager: "区域经理", dealer: "经销商", online: "在线报修（二维码）" };
export const COVERAGE_LABELS: Record<string, string> = { warranty: "保修期内免费", contract: "维保合同", paid: "有偿服务" };

const orDash = (v: string | null | undefined) => (v && v.trim() ? v : "—");
const when = (v: string | null) => (v ? shanghaiDateTime(v) : "—");

/** "达标" when done by the due time, "超时" when late (or still open past it), "—" when not due. */
export function slaText(due: string | null, done: string | null, now: Date, rule: string): string {
  if (!due) return "—";
  const dueMs = Date.parse(due);
  const limit = `${rule}，时限 ${shanghaiDateTime(due)}`;
  if (done) return Date.parse(done) <= dueMs ? `达标（${limit}）` : `超时（${limit}）`;
  return now.getTime() > dueMs ? `超时，未完成（${limit}）` : `未到期（${limit}）`;
}

function hours(minutes: number | null): string {
  if (minutes === null) return "—";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${minutes} 分钟（${h ? `${h} 小时` : ""}${m || !h ? `${m} 分` : ""}）`;
}

function coverageLines(d: ServiceRecordData, exclusionLabel: string | null): string {
  const t = d.ticket;
  if (!t.coverage) return "未判定";
  if (t.coverage === "warranty") return `保修期内免费（保修期至 ${orDash(d.warrantyEndsOn)}）`;
  if (t.coverage === "contract") return d.contract ? `维保合同 ${d.contract.number}（${d.contract.startsOn} 至 ${d.contract.endsOn}）` : "维保合同";
  const lines = [`有偿服务${exclusionLabel ? `：${exclusionLabel}` : ""}`];
  if (d.quote) {
    const decision = d.quote.decision === "accepted" ? `客户 ${d.quote.decidedName} 已于 ${when(d.quote.decidedAt)} 确认接受` : d.quote.decision === "declined" ? `客户 ${d.quote.decidedName} 已拒绝` : `待客户确认（有效期至 ${d.quote.validUntil}）`;
    lines.push(`报价金额：${formatFen(d.quote.amountFen)}    大写：${rmbInWords(d.quote.amountFen)}`, `报价项目：${d.quote.items}`, decision);
  }
  return lines.join("\n");
}

function confirmation(frame: PdfFrame, d: ServiceRecordData): void {
  const { doc } = frame;
  const height = 96;
  frame.ensureSpace(height + 8);
  const y = doc.y + 4;
  const half = frame.width / 2;
  doc.lineWidth(0.7).strokeColor(COLORS.rule).rect(frame.left, y, frame.width, height).stroke();
  doc.moveTo(frame.left + half, y).lineTo(frame.left + half, y + height).stroke();
  frame.font(true, 10).text("客户确认", frame.left + 8, y + 6, { lineBreak: false });
  frame.font(false, 9).text("以上服务内容属实，故障已排除。", frame.left + 8, y + 22, { width: half - 16, lineBreak: false });
  const label = "客户（签字）：";
  frame.font(false, 10).text(label, frame.left + 8, y + 56, { lineBreak: false });
  const sigX = frame.left + 8 + doc.widthOfString(label);
  if (d.signaturePng) {
    try {
      drawInk(doc, d.signaturePng, sigX, y + 38, { fit: [120, 40] });
    } catch {
      doc.text(d.ticket.customerSignerName, sigX, y + 56, { lineBreak: false });
    }
  } else {
    doc.text("__________", sigX, y + 56, { lineBreak: false });
  }
  frame.font(false, 8, COLORS.muted).text(`${orDash(d.ticket.customerSignerName)}    ${d.ticket.confirmedAt ? `确认时间：${when(d.ticket.confirmedAt)}` : "未确认"}`, frame.left + 8, y + 80, { width: half - 16, lineBreak: false });
  frame.font(true, 10).text("服务人员", frame.left + half + 8, y + 6, { lineBreak: false });
  frame.font(false, 10).text(`技术员（签字）：${orDash(d.technician)}`, frame.left + half + 8, y + 56, { width: half - 16, lineBreak: false });
  frame.font(false, 8, COLORS.muted).text(`完成时间：${when(d.ticket.resolvedAt)}`, frame.left + half + 8, y + 80, { width: half - 16, lineBreak: false });
  doc.x = frame.left;
  doc.y = y + height;
}

export async function drawServiceRecord(d: ServiceRecordData, labels: { exclusion: string | null; cause: string | null }, meta: DocumentMeta & { companyName: string; now?: Date }): Promise<Buffer> {
  const now = meta.now ?? meta.createdAt;
  const t = d.ticket;
  return renderDocument({ title: SERVICE_RECORD_TITLE, companyName: meta.companyName, meta }, (frame) => {
    frame.heading("一、客户与设备");
    keyValueTable(frame, [
      ["服务单号", t.number, "报修渠道", CHANNEL_LABELS[t.channel] ?? t.channel],
      ["项目名称", d.project.name, "项目编号", d.project.code],
      ["客户单位", orDash(d.project.client), "报修人", t.reporterName],
      ["联系电话", t.contactPhone, "服务地址", orDash(t.siteAddress || d.project.siteAddress)],
      ["设备名称", d.unit ? `${d.unit.name} ${d.unit.model}`.trim() : "—", "出厂编号", orDash(d.serialNumber)],
      ["安装位置", orDash(d.unit?.location), "保修期至", orDash(d.warrantyEndsOn)],
    ]);
    frame.heading("二、服务时间与时效");
    keyValueTable(frame, [
      ["报修时间", when(t.receivedAt), "联系客户", when(t.contactedAt)],
      ["联系时效", slaText(t.contactDueAt, t.contactedAt, now, "报修后 4 小时内联系客户")],
      ["诊断时间", when(t.diagnosedAt), "预约上门", when(t.scheduledFor)],
      ["到达现场", when(t.onSiteAt), "处理完成", when(t.resolvedAt)],
      ["到达时效", slaText(t.arrivalDueAt, t.onSiteAt, now, "市区 6 / 郊区 7 个工作小时内到达")],
    ]);
    frame.heading("三、故障与处理");
    keyValueTable(frame, [
      ["故障描述", t.description],
      ["检测诊断", orDash(t.diagnosis)],
      ["费用性质", coverageLines(d, labels.exclusion)],
      ["原因分类", orDash(labels.cause), "工时", hours(t.minutesSpent)],
      ["更换配件", orDash(t.partsReplaced)],
      ["处理结果", orDash(t.resolution)],
    ]);
    confirmation(frame, d);
  });
}
