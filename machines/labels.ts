// Display labels for stages, substates and events (zh-CN uses the trade terms of the seed documents).
import { STAGES, type EventType, type Party, type Stage } from './types';

export type Locale = 'zh-CN' | 'en';
export type Label = { readonly [L in Locale]: string };
export { STAGES };

export const STAGE_LABELS: { readonly [S in Stage]: Label } = {
  bidding: { 'zh-CN': '询价比价', en: 'Quotes and comparison' },
  awaitingDecision: { 'zh-CN': '待高层定标', en: 'Awaiting management decision' },
  contracting: { 'zh-CN': '签订合同', en: 'Contracting' },
  survey: { 'zh-CN': '现场勘察', en: 'Site survey' },
  entry: { 'zh-CN': '进场手续', en: 'Site entry formalities' },
  entryReview: { 'zh-CN': '开工报审', en: 'Commencement review' },
  construction: { 'zh-CN': '施工中', en: 'Construction' },
  acceptanceReview: { 'zh-CN': '竣工验收', en: 'Completion acceptance' },
  handover: { 'zh-CN': '移交（结算·质保·归档）', en: 'Handover (settlement, warranty, archive)' },
  closed: { 'zh-CN': '已结项', en: 'Closed' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};

/** Keyed by the dotted path below the stage, e.g. 'settlement.retentionHeld'. */
export const SUBSTATE_LABELS: Readonly<Record<string, Label>> = {
  'entryReview.awaitingSupervisor': { 'zh-CN': '待监理审核', en: 'Awaiting supervisor review' },
  'entryReview.awaitingClient': { 'zh-CN': '待建设单位审批', en: 'Awaiting client approval' },
  'acceptanceReview.awaitingSupervisor': { 'zh-CN': '待监理验收签章', en: 'Awaiting supervisor signature' },
  'acceptanceReview.awaitingParties': { 'zh-CN': '待建设单位、设计单位签章', en: 'Awaiting client and designer signatures' },
  'handover.settlement': { 'zh-CN': '结算', en: 'Settlement' },
  'handover.settlement.draft': { 'zh-CN': '结算书编制中', en: 'Settlement draft' },
  'handover.settlement.submitted': { 'zh-CN': '待财务审核', en: 'Submitted to finance' },
  'handover.settlement.awaitingPayment': { 'zh-CN': '待收款', en: 'Awaiting payment' },
  'handover.settlement.retentionHeld': { 'zh-CN': '质保金暂扣中', en: 'Retention held' },
  'handover.settlement.retentionReleaseRequested': { 'zh-CN': '质保金到期待退还', en: 'Retention due for release' },
  'handover.settlement.retentionReleased': { 'zh-CN': '质保金已退还', en: 'Retention released' },
  'handover.warranty': { 'zh-CN': '质保', en: 'Warranty' },
  'handover.warranty.active': { 'zh-CN': '质保期内', en: 'Under warranty' },
  'handover.warranty.expiring': { 'zh-CN': '质保即将到期', en: 'Warranty expiring' },
  'handover.warranty.expired': { 'zh-CN': '质保期满', en: 'Warranty expired' },
  'handover.archive': { 'zh-CN': '竣工资料归档', en: 'Archive' },
  'handover.archive.pending': { 'zh-CN': '待归档', en: 'Archive pending' },
  'handover.archive.archived': { 'zh-CN': '已归档', en: 'Archived' },
};

export const EVENT_LABELS: { readonly [T in EventType]: Label } = {
  SUBMIT_FOR_DECISION: { 'zh-CN': '提交高层定标', en: 'Submit for decision' },
  AWARD: { 'zh-CN': '决定中标单位', en: 'Award the contract' },
  REOPEN_BIDDING: { 'zh-CN': '退回重新比价', en: 'Reopen bidding' },
  RECORD_CONTRACT: { 'zh-CN': '登记安装合同', en: 'Record the contract' },
  COMPLETE_SURVEY: { 'zh-CN': '完成现场勘察', en: 'Complete the site survey' },
  SUBMIT_COMMENCEMENT: { 'zh-CN': '提交开工报审', en: 'Submit commencement application' },
  APPROVE_COMMENCEMENT: { 'zh-CN': '同意开工', en: 'Approve commencement' },
  REJECT_COMMENCEMENT: { 'zh-CN': '退回开工报审', en: 'Reject commencement' },
  REQUEST_ACCEPTANCE: { 'zh-CN': '申请竣工验收', en: 'Request completion acceptance' },
  REVISE_ACCEPTANCE: { 'zh-CN': '修改验收资料（重新签章）', en: 'Revise the acceptance documents (sign again)' },
  SIGN: { 'zh-CN': '验收签章', en: 'Sign the acceptance form' },
  REJECT_ACCEPTANCE: { 'zh-CN': '验收不通过（整改）', en: 'Reject acceptance (rectify)' },
  CANCEL: { 'zh-CN': '取消项目', en: 'Cancel the project' },
  SUBMIT_SETTLEMENT: { 'zh-CN': '提交结算书', en: 'Submit settlement' },
  RETURN_SETTLEMENT: { 'zh-CN': '退回结算书', en: 'Return settlement' },
  APPROVE_SETTLEMENT: { 'zh-CN': '审核通过结算', en: 'Approve settlement' },
  REVISE_SETTLEMENT: { 'zh-CN': '修改结算书（重新审核）', en: 'Revise the settlement (new approval)' },
  RECORD_PAYMENT: { 'zh-CN': '登记收款', en: 'Record payment' },
  RELEASE_RETENTION: { 'zh-CN': '退还质保金', en: 'Release retention' },
  ARCHIVE: { 'zh-CN': '竣工资料归档', en: 'Archive documents' },
  TICK: { 'zh-CN': '定时检查', en: 'Scheduled check' },
};

export const PARTY_LABELS: { readonly [P in Party]: Label } = {
  supervisor: { 'zh-CN': '监理单位', en: 'the supervisor' },
  client: { 'zh-CN': '建设单位', en: 'the client' },
  designer: { 'zh-CN': '设计单位', en: 'the design unit' },
};
