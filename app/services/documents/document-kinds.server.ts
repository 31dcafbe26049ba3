/**
 * The kinds of documents the system issues and the prefix of their numbers
 * (`<prefix>-<project code>-V<version>`). Later documents add their kind here.
 */
export const DOCUMENT_PREFIXES = {
  bidComparison: "BJ",
  /** 工程开工报审表 B.0.2 */
  commencement: "KG",
  /** 单位工程竣工验收报审表 B.0.10 (the application, with the supervisor's pre-acceptance opinion) */
  acceptanceApplication: "YS",
  /** 竣工验收单: the completion acceptance certificate signed by every party */
  completion: "JG",
  /** 竣工资料归档目录: the index page of the project's archive */
  archiveIndex: "GD",
  /** 工程结算书: the settlement statement of one version */
  settlementStatement: "JS",
  /** 付款申请表: the payment application for the amount now payable */
  paymentApplication: "FK",
  /** 质量保修卡: the warranty card with the units, terms, exclusions and the service-request QR code */
  warrantyCard: "BX",
  /** 产品(设备)售后服务维修记录单: the service record of one ticket (numbered WX-<ticket number>-V<n>) */
  serviceRecord: "WX",
} as const satisfies Record<string, string>;

export type DocumentKind = keyof typeof DOCUMENT_PREFIXES;

export function isDocumentKind(value: string): value is DocumentKind {
  return Object.prototype.hasOwnProperty.call(DOCUMENT_PREFIXES, value);
}

/** Short codes avoid characters people misread from paper: no 0/O, no 1/I. */
export const SHORT_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const SHORT_CODE_LENGTH = 8;

/** Normalises what someone typed from a printout (lower case, spaces); null if it cannot be ours. */
export function normaliseShortCode(raw: string | undefined): string | null {
  const code = (raw ?? "").replace(/[\s-]/g, "").toUpperCase();
  return new RegExp(`^[${SHORT_CODE_ALPHABET}]{${SHORT_CODE_LENGTH}}$`).test(code) ? code : null;
}
