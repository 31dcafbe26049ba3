import type { EmailPayload } from "#db/schema";
import { renderEmail } from "./layout";

/** Notifications sent when a project reaches a stage that needs someone (Chinese first, English below). */
const NOTICES = {
  decisionRequested: { zh: "待您决定中标单位", en: "Please decide the winning vendor", body: "招标比选已完成，请查看推荐意见并决定中标单位。" },
  vendorAwarded: { zh: "中标单位已确定", en: "The vendor has been awarded", body: "中标单位已确定，请按计划准备合同与进场。" },
  commencementReviewRequested: { zh: "待您审核开工申请", en: "Please review the commencement request", body: "施工单位已提交开工申请，请审核开工条件。" },
  acceptanceRequested: { zh: "待您组织验收", en: "Acceptance has been requested", body: "施工已完成并申请验收，请安排验收并签署验收单。" },
  projectAccepted: { zh: "项目已通过验收", en: "The project has been accepted", body: "项目已通过验收，质保期自验收之日起计算。" },
  projectCancelled: { zh: "项目已取消", en: "The project has been cancelled", body: "项目已取消，后续流程不再进行。" },
  settlementSubmitted: { zh: "待您审核结算", en: "A settlement is awaiting your review", body: "项目经理已提交工程结算书和付款申请表（见附件 PDF），请在财务收件箱审核：退回并注明意见，或审核通过后发送给建设单位。" },
  settlementReturned: { zh: "结算被退回", en: "The settlement was returned", body: "结算被退回，请按意见修改后重新提交。" },
  settlementApproved: { zh: "工程结算书及付款申请", en: "Settlement statement and payment application", body: "工程结算书已经我司财务审核，现随函附上工程结算书及付款申请表（PDF），请审核并安排付款。" },
  settlementRevised: { zh: "结算书已撤回修改", en: "The settlement was withdrawn for revision", body: "项目经理撤回了结算书进行修改，修改后将重新提交审核。" },
  retentionDue: { zh: "质保金到期待支付", en: "The retention payment is due", body: "质保金已到期，请安排支付。" },
  warrantyExpiring: {
    zh: "质保期即将到期",
    en: "The warranty is about to expire — a maintenance contract (维保合同) can continue the service",
    body: "项目质保期即将到期。到期后的维修将按配件成本及人工收费；为保障设备持续稳定运行，我司提供维保合同（定期保养、故障优先响应），欢迎在到期前续签维保合同，请回复本邮件或联系项目经理、售后服务部。",
  },
  warrantyExpired: {
    zh: "质保期已到期",
    en: "The warranty has expired — repairs are now paid or covered by a maintenance contract (维保合同)",
    body: "项目质保期已到期。此后的维修按有偿服务处理，或由维保合同覆盖；如需签订维保合同，请联系项目经理或售后服务部。",
  },
  biddingReopened: { zh: "已退回重新比价", en: "Bidding has been reopened", body: "公司高层退回了定标申请，请补充或重新比价后再提交。" },
  commencementRejected: { zh: "开工报审被退回", en: "The commencement application was returned", body: "开工报审被退回，请按审核意见补齐进场手续后重新提交。" },
  commencementApproved: { zh: "开工报审已批准", en: "Commencement has been approved", body: "监理和建设单位已同意开工，项目进入施工阶段。" },
  acceptanceSignaturesRequested: { zh: "待您在竣工验收单上签章", en: "Please sign the completion acceptance form", body: "监理单位已完成预验收并签章，请建设单位、设计单位签署竣工验收单。" },
  acceptanceRejected: { zh: "竣工验收未通过，需整改", en: "Acceptance was rejected: rectify", body: "验收单位提出了整改项，已生成整改通知单；项目退回施工阶段，整改完毕后请重新申请验收。" },
  acceptanceSigned: { zh: "竣工验收单已有新的签章", en: "A party has signed the acceptance form", body: "竣工验收单已有一方签章，仍在等待其他单位签署。" },
  paymentRecorded: { zh: "已登记收款", en: "A payment has been recorded", body: "财务已登记一笔收款。" },
  retentionReleased: { zh: "质保金已退还", en: "The retention has been released", body: "缺陷责任期已满，质保金已退还。" },
  projectClosed: { zh: "项目已结项", en: "The project is closed", body: "结算已付清、质保金已退还、质保期已满，项目结项。" },
} as const satisfies Record<string, { zh: string; en: string; body: string }>;

export type StageNoticeTemplate = keyof typeof NOTICES;

export const STAGE_NOTICE_TEMPLATES = Object.keys(NOTICES) as StageNoticeTemplate[];

export function isStageNoticeTemplate(name: string): name is StageNoticeTemplate {
  return Object.prototype.hasOwnProperty.call(NOTICES, name);
}

export interface StageNoticeData {
  projectCode: string;
  projectName: string;
  stageLabel: string;
  url: string;
  /** An extra sentence shown under the main one (a vendor, an amount, a due date, a reason). */
  extra?: string;
}

export function buildStageNotice(template: StageNoticeTemplate, data: StageNoticeData): Omit<EmailPayload, "to"> {
  const notice = NOTICES[template];
  // Header safety is enforced again at send time; keep the subject on one line here as well.
  const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
  const subject = `【${oneLine(data.projectCode)}】${notice.zh}：${oneLine(data.projectName)}`;
  const paragraphs = [
    `项目：${data.projectCode} ${data.projectName}`,
    `当前阶段：${data.stageLabel}`,
    notice.body,
    ...(data.extra ? [data.extra] : []),
    `${notice.en} — project ${data.projectCode} (${data.projectName}), stage: ${data.stageLabel}.`,
  ];
  const { html, text } = renderEmail({
    title: notice.zh,
    paragraphs,
    action: { label: "打开项目 / Open project", url: data.url },
  });
  return { subject, text, html };
}
