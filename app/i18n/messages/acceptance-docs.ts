// Completion acceptance (acceptanceDocs.*).
export const acceptanceDocs = {
  // The public verification page /v/<code>: status, the PDF itself, and the signers.
  "acceptanceDocs.verify.isCurrent": ["{number}（第 {version} 版）是该文件当前有效的版本。", "{number} (version {version}) is the version of this document now in force."],
  "acceptanceDocs.verify.isSuperseded": ["{number}（第 {version} 版）已被新版本取代，不再有效，请以当前版本为准。", "{number} (version {version}) has been superseded and is no longer in force; rely on the current version."],
  "acceptanceDocs.verify.viewPdf": ["查看文件（PDF）", "View the document (PDF)"],
  "acceptanceDocs.verify.viewSupersededPdf": ["查看此旧版本文件（PDF，已被取代）", "View this old version (PDF, superseded)"],
  "acceptanceDocs.verify.signersTitle": ["签署情况", "Signatures"],
  "acceptanceDocs.verify.signersHelp": ["以下各方对本文件所依据的内容进行了电子签署。标记为“已作废”的签署因内容修改而失效。", "The parties below signed the content this document was drawn from electronically. Signatures marked void lapsed when the content was revised."],
  "acceptanceDocs.verify.signedContentSha256": ["签署内容 SHA-256", "SHA-256 of the signed content"],
  "acceptanceDocs.verify.noSigners": ["尚无签署记录。", "No signatures yet."],
  "acceptanceDocs.verify.party.supervisor": ["监理单位", "Supervisor"],
  "acceptanceDocs.verify.party.client": ["建设单位", "Client"],
  "acceptanceDocs.verify.party.designer": ["设计单位", "Design unit"],
  "acceptanceDocs.verify.party.vendor": ["安装单位", "Installer"],
  "acceptanceDocs.verify.party.pm": ["施工单位", "Contractor"],
  "acceptanceDocs.verify.approved": ["同意", "Approved"],
  "acceptanceDocs.verify.rejected": ["不同意", "Rejected"],
  "acceptanceDocs.verify.voided": ["已作废", "Void"],
  "acceptanceDocs.verify.signedAt": ["签署时间：{at}（北京时间）", "Signed {at} (Beijing time)"],

  // The warranty clock on the project page.
  "acceptanceDocs.warranty.title": ["保修", "Warranty"],
  "acceptanceDocs.warranty.acceptedOn": ["验收日期", "Accepted on"],
  "acceptanceDocs.warranty.period": ["保修期", "Warranty period"],
  "acceptanceDocs.warranty.months": ["{months} 个月", "{months} months"],
  "acceptanceDocs.warranty.endsOn": ["保修截止", "Warranty ends (last day)"],
  "acceptanceDocs.warranty.remaining": ["距保修截止", "Until the end"],
  "acceptanceDocs.warranty.daysLeft": ["剩余 {days} 天", "{days} days left"],
  "acceptanceDocs.warranty.lastDay": ["今天是保修期最后一天", "Today is the last day"],
  "acceptanceDocs.warranty.expired": ["已过保（已过 {days} 天）", "Expired ({days} days ago)"],
} as const satisfies Record<string, readonly [string, string]>;
