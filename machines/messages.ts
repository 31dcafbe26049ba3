// Refusal code → human message (zh-CN, en). Messages name the missing condition so the user
// knows what to do next, not just that the action was refused.
import type { RefusalCode } from './checks';
import { EVENT_LABELS, PARTY_LABELS, STAGE_LABELS, type Locale } from './labels';
import type { EventType, Refusal, Stage } from './types';

type P = Record<string, string | number>;
type Msg = (p: P, l: Locale) => string;

const ROLE_LABELS: Record<string, [string, string]> = {
  pm: ['项目经理', 'project manager'], management: ['公司高层', 'management'], supervisor: ['监理', 'supervisor'],
  client: ['建设单位', 'client'], designer: ['设计单位', 'designer'], vendor: ['安装公司', 'vendor'],
  finance: ['财务', 'finance'], service: ['售后服务专员', 'service'], admin: ['系统管理员', 'administrator'],
  system: ['系统', 'system'],
};
const FIELD_LABELS: Record<string, [string, string]> = {
  contractNo: ['合同编号', 'contract number'], amountFen: ['合同金额（须大于 0）', 'amount (greater than 0)'],
  signedOn: ['签订日期', 'signing date'],
};
const zh = (l: Locale) => l === 'zh-CN';
const pick = (table: Record<string, [string, string]>, key: unknown, l: Locale) =>
  String(key ?? '').split(',').filter(Boolean).map((k) => table[k]?.[zh(l) ? 0 : 1] ?? k).join(zh(l) ? '、' : ', ');
const party = (p: unknown, l: Locale) => String(p ?? '').split(',').filter(Boolean)
  .map((k) => PARTY_LABELS[k as keyof typeof PARTY_LABELS]?.[l] ?? pick(ROLE_LABELS, k, l))
  .join(zh(l) ? '或' : ' or ');
const yuan = (fen: unknown) => (Number(fen) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const m = (zhText: (p: P) => string, enText: (p: P) => string): Msg => (p, l) => (zh(l) ? zhText(p) : enText(p));

export const MESSAGES: { readonly [C in RefusalCode]: Msg } = {
  ROLE_NOT_ALLOWED: (p, l) => (zh(l) ? `当前角色（${pick(ROLE_LABELS, p.role, l)}）无权执行此操作` : `Your role (${pick(ROLE_LABELS, p.role, l)}) may not do this`),
  EVENT_NOT_ALLOWED_IN_STAGE: (p, l) => {
    const ev = EVENT_LABELS[p.event as EventType]?.[l] ?? String(p.event);
    const st = STAGE_LABELS[p.stage as Stage]?.[l] ?? String(p.stage);
    return zh(l) ? `项目当前处于「${st}」阶段，不能执行「${ev}」` : `"${ev}" is not possible while the project is in "${st}"`;
  },
  EVENT_INVALID: m(() => '提交的数据不完整或格式不正确，请刷新页面后重试', () => 'The submitted data is incomplete or malformed; reload and try again'),
  NOTHING_DUE: m(() => '当前没有到期需要处理的事项', () => 'Nothing is due at this time'),
  CONDITIONS_NOT_MET: m(() => '当前条件不满足，无法执行此操作', () => 'The conditions for this action are not met'),
  SNAPSHOT_INVALID: m((p) => `项目流程数据已损坏，无法读取${p.reason ? `（${p.reason}）` : ''}，请联系系统管理员`,
    (p) => `The project's workflow record is corrupt${p.reason ? ` (${p.reason})` : ''}; contact an administrator`),
  SNAPSHOT_VERSION_UNSUPPORTED: m((p) => `项目流程数据版本 v${p.version} 无法升级到当前版本 v${p.current}，请联系系统管理员`,
    (p) => `Workflow record version v${p.version} cannot be upgraded to the current v${p.current}; contact an administrator`),
  QUOTES_FEWER_THAN_THREE: m((p) => `有效报价不足三家（目前 ${p.count} 家）：需要至少三家不同安装公司的有效报价（最新版本、未撤回、在有效期内、总价大于 0）`,
    (p) => `Fewer than three valid quotes (${p.count} so far): quotes from at least three different installers are required (latest revision, not withdrawn, within validity, total above 0)`),
  RECOMMENDATION_MISSING: m(() => '尚未填写推荐意见：请选择推荐的安装公司并写明推荐理由', () => 'No recommendation yet: choose the recommended installer and give the reason'),
  RECOMMENDED_VENDOR_NOT_VALID: m(() => '推荐的安装公司没有有效报价（报价已撤回、过期或不是最新版本），请重新推荐',
    () => 'The recommended installer has no valid quote (withdrawn, expired or superseded); recommend another'),
  AWARD_VENDOR_NOT_VALID: m(() => '所选安装公司没有有效报价，不能定为中标单位', () => 'The chosen installer has no valid quote and cannot be awarded'),
  AWARD_REASON_REQUIRED: m(() => '所选中标单位与项目经理的推荐不同，请填写选择理由', () => 'You chose an installer other than the recommended one: give the reason'),
  REASON_REQUIRED: m(() => '请填写原因', () => 'A reason is required'),
  CONTRACT_FIELDS_MISSING: (p, l) => (zh(l) ? `合同信息不完整：请填写${pick(FIELD_LABELS, p.fields, l)}` : `Contract details incomplete: fill in ${pick(FIELD_LABELS, p.fields, l)}`),
  CONTRACT_FILE_MISSING: m(() => '尚未上传已签订的合同文件（须上传到本项目）', () => 'Upload the signed contract file to this project'),
  SURVEY_MISSING: m(() => '尚未登记现场勘察记录', () => 'No site survey has been recorded'),
  SURVEY_LEAD_MISSING: m(() => '勘察记录缺少施工现场项目负责人', () => 'The survey does not name the site project lead'),
  SURVEY_CONDITIONS_MISSING: m(() => '勘察记录缺少现场情况说明', () => 'The survey does not describe the site conditions'),
  OBSTACLE_PLAN_MISSING: m((p) => `以下障碍物尚无处理方案：${p.obstacles}`, (p) => `No handling plan for these obstacles: ${p.obstacles}`),
  PLANNED_START_MISSING: m(() => '尚未填写计划开工日期', () => 'The planned start date is missing'),
  CERTIFICATES_MISSING: m(() => '尚未上传设备辅料及设备合格证', () => 'No equipment or material certificates uploaded'),
  CREW_MISSING: m(() => '尚未登记施工队长及施工人员', () => 'No crew members registered'),
  CREDENTIALS_MISSING: m((p) => `以下施工人员尚未登记证件信息：${p.names}`, (p) => `No credentials recorded for: ${p.names}`),
  EXPIRED_BY_START: m((p) => `以下证件或合格证在计划开工日前已过期：${p.items}`, (p) => `Expired before the planned start date: ${p.items}`),
  WAITING_FOR_OTHER_PARTY: (p, l) => (zh(l) ? `当前等待${party(p.party, l)}处理，您暂时不能操作` : `Waiting for ${party(p.party, l)}; you cannot act yet`),
  COMMENT_REQUIRED: m(() => '请填写退回意见', () => 'A comment is required'),
  DESIGN_ITEMS_INCOMPLETE: m(() => '工程设计和合同约定的各项内容尚未全部完成', () => 'Not all design and contract items are complete'),
  SELF_INSPECTION_MISSING: m(() => '施工单位自检尚未登记', () => "The installer's self-inspection has not been recorded"),
  SELF_INSPECTION_FAILED: m(() => '施工单位自检未通过', () => "The installer's self-inspection did not pass"),
  RECTIFICATIONS_OPEN: m((p) => `还有 ${p.count} 项整改未完成（监理通知单须回复并经监理复查）`, (p) => `${p.count} rectification notice(s) still open`),
  ARCHIVE_INCOMPLETE: m((p) => `技术档案和施工管理资料不完整，缺少：${p.documents}`, (p) => `Technical archive incomplete; missing: ${p.documents}`),
  MATERIAL_INSPECTIONS_PENDING: m((p) => `还有 ${p.count} 批进场材料/设备待监理验收`, (p) => `${p.count} material/equipment inspection(s) still pending`),
  MATERIAL_INSPECTIONS_REJECTED: m((p) => `还有 ${p.count} 批进场材料/设备验收不合格且未处理`, (p) => `${p.count} rejected material/equipment inspection(s) unresolved`),
  ACCEPTANCE_DATE_INVALID: m((p) => `验收日期须为 ${p.today} 至 ${p.latest} 之间的有效日期`, (p) => `The acceptance date must be a valid date from ${p.today} to ${p.latest}`),
  ACCEPTANCE_DATE_NOT_REACHED: m((p) => `竣工验收定于 ${p.date}，当日起方可签章`, (p) => `The acceptance is set for ${p.date}; signing opens on that day`),
  ACCEPTANCE_DATE_MISSING: m(() => '尚未商定竣工验收日期', () => 'No acceptance date has been agreed'),
  ALREADY_SIGNED: (p, l) => (zh(l) ? `${party(p.party, l)}已签章，无需重复签章` : `${party(p.party, l)} has already signed`),
  NOT_A_SIGNING_PARTY: (p, l) => (zh(l) ? `${party(p.party, l)}不是本项目验收的签章单位` : `${party(p.party, l)} is not a signing party of this acceptance`),
  REJECTION_ITEMS_REQUIRED: m(() => '请至少列出一项需要整改的内容', () => 'List at least one item to rectify'),
  SETTLEMENT_MISSING: m(() => '尚未编制工程结算书（结算总价须大于 0）', () => 'No settlement statement yet (total must be above 0)'),
  RETENTION_TERMS_INVALID: m(() => '质保金金额不正确，或有质保金却未填写退还日期', () => 'Retention amount invalid, or retention without a due date'),
  AMOUNT_INVALID: m(() => '收款金额须为大于 0 的金额', () => 'The payment amount must be above 0'),
  PAYMENT_EXCEEDS_OUTSTANDING: m((p) => `收款金额超过未付金额（未付 ¥${yuan(p.outstanding)}，不含质保金）`,
    (p) => `The payment exceeds the outstanding amount (¥${yuan(p.outstanding)}, excluding retention)`),
  RETENTION_NOT_DUE: m((p) => `质保金尚未到期，${p.dueOn} 起方可退还`, (p) => `Retention is not due until ${p.dueOn}`),
  PAYMENT_DATE_INVALID: m((p) => `到账日期须为有效日期，且不晚于今天（${p.today}）`, (p) => `The date received must be a valid date no later than today (${p.today})`),
  ARCHIVE_DOCUMENTS_MISSING: m((p) => `归档资料不齐，缺少：${p.documents}`, (p) => `Archive incomplete; missing: ${p.documents}`),
};

export function describeRefusal(r: Refusal, locale: Locale): string {
  const msg = (MESSAGES as Record<string, Msg | undefined>)[r.code];
  if (!msg) return locale === 'zh-CN' ? `操作被拒绝（${r.code}）` : `Refused (${r.code})`;
  return msg(r.params ?? {}, locale);
}
