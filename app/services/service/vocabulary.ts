// The after-sales service vocabulary (issue 7), shared by pages, the API, PDFs and reports.
// Plain module. Sources: seed 004 三 (exclusions), 000/002 (channels, survey), 003 (cause categories,
// contact within 4 hours), 000 第十三条 (arrival within 6 working hours in the city, 7 in the suburbs).

export const TICKET_CHANNELS = ["hotline", "regionalManager", "dealer", "online"] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** The ticket's steps, in order. `quoted` only for paid work: the customer accepts before work starts. */
export const TICKET_STATUSES = [
  "received", "assigned", "contacted", "diagnosed", "quoted", "scheduled", "onSite", "resolved", "confirmed", "surveyed", "closed",
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const COVERAGES = ["warranty", "contract", "paid"] as const;
export type Coverage = (typeof COVERAGES)[number];

/** 004 三 权益及注意事项 2.1–2.7: what the free warranty does not cover. */
export const EXCLUSIONS = [
  { code: "humanOrForceMajeure", zh: "人为因素或不可抗力造成的损坏", en: "Human causes or force majeure" },
  { code: "unauthorisedDisassembly", zh: "非授权人员拆装", en: "Disassembly by unauthorised persons" },
  { code: "voltage", zh: "电压过高或过低", en: "Voltage too high or too low" },
  { code: "consumables", zh: "过滤网及滤材（易耗品）", en: "Filters and filter media (consumables)" },
  { code: "normalWear", zh: "正常损耗", en: "Normal wear" },
  { code: "improperUse", zh: "非正常安装、使用或保管不当", en: "Improper installation, use or storage" },
  { code: "expired", zh: "超过保修期", en: "Warranty expired" },
] as const;
export type ExclusionCode = (typeof EXCLUSIONS)[number]["code"];

/** 003 §3.2.3: the cause of the fault, recorded at resolution and counted monthly. */
export const CAUSE_CATEGORIES = [
  { code: "installationError", zh: "安装错误", en: "Installation error" },
  { code: "transportDamage", zh: "安装搬运中或其他原因的损坏", en: "Damage in handling or otherwise" },
  { code: "missingParts", zh: "丢失配件", en: "Missing parts" },
  { code: "incorrectOperation", zh: "操作使用不正确", en: "Incorrect operation" },
  { code: "componentDefect", zh: "元件质量缺陷", en: "Component defect" },
  { code: "manufacturingDefect", zh: "制造质量缺陷（出厂错漏检验）", en: "Manufacturing defect" },
  { code: "customerModification", zh: "执行标准不同、客户要求改造", en: "Different standard / customer modification" },
  { code: "clientCause", zh: "甲方原因", en: "Client's cause" },
  { code: "other", zh: "其他原因", en: "Other" },
] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number]["code"];

/** Seed 000 第十八条: the customer opinion survey, four aspects on four levels. */
export const SURVEY_ASPECTS = ["attitude", "skill", "arrivalTime", "promisesKept"] as const;
export const SURVEY_LEVELS = [
  { value: 4, zh: "非常满意", en: "Very satisfied" },
  { value: 3, zh: "满意", en: "Satisfied" },
  { value: 2, zh: "基本满意", en: "Fairly satisfied" },
  { value: 1, zh: "不满意", en: "Dissatisfied" },
] as const;

export const SLA = {
  /** 003 §2.2: contact the customer within 4 hours of the ticket. */
  contactHours: 4,
  /** 000 第十三条: arrival within 6 working hours in the city, 7 in the suburbs. */
  arrivalWorkingHours: { city: 6, suburb: 7 },
} as const;

export const WARRANTY_MONTHS = 12;
/** The expiring notice, 30 days before the last day (seed 000 第十四条). */
export const EXPIRING_NOTICE_DAYS = 30;
