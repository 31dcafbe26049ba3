/**
 * The technical archive and construction management documents (004 §3.3(1)4) a project needs
 * before completion acceptance: one checklist item each, with a file.
 */
export const ARCHIVE_CHECKLIST = [
  { kind: "asBuiltDrawings", label: { "zh-CN": "竣工图纸", en: "As-built drawings" } },
  { kind: "equipmentCertificates", label: { "zh-CN": "设备及材料合格证、检测报告", en: "Equipment and material certificates" } },
  { kind: "materialEntryRecords", label: { "zh-CN": "材料设备进场报审记录", en: "Material entry inspection records" } },
  { kind: "constructionLog", label: { "zh-CN": "施工日志", en: "Construction log" } },
  { kind: "commissioningRecords", label: { "zh-CN": "系统调试及风量测试记录", en: "Commissioning and airflow test records" } },
  { kind: "operationManual", label: { "zh-CN": "设备使用说明书及操作培训记录", en: "Operation manuals and training record" } },
] as const;

export type ArchiveKind = (typeof ARCHIVE_CHECKLIST)[number]["kind"];

export function archiveLabel(kind: string, locale: "zh-CN" | "en"): string {
  return ARCHIVE_CHECKLIST.find((c) => c.kind === kind)?.label[locale] ?? kind;
}
