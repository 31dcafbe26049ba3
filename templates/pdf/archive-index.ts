import type { ArchiveEntry, ArchiveIndexData } from "~/services/acceptance/archive-types";
import { ARCHIVE_INDEX_ZIP_NAME } from "~/services/acceptance/archive-types";
import { COLORS, renderDocument, type DocumentMeta, type PdfFrame } from "./base";
import { drawTable, type Cell, type Row } from "./table";

/**
 * 竣工资料归档目录: the first page of the completion archive. It lists every file of the ZIP in
 * order — the signed documents with their numbers, versions, signers and SHA-256, then the
 * technical archive files — so a loose copy can be checked against the package, and the package
 * against the system (each signed document carries its own QR code).
 */
export const ARCHIVE_INDEX_TITLE = "竣工资料归档目录";

export interface ArchiveIndexMeta extends DocumentMeta {
  companyName: string;
}

/** The first 16 hex digits identify a file well enough on paper; the full hash is in the system. */
export const shortHash = (sha256: string) => `${sha256.slice(0, 16)}…`;

function projectBlock(frame: PdfFrame, data: ArchiveIndexData) {
  const label = (text: string): Cell => ({ text, bold: true, fill: COLORS.shade, align: "center" });
  const p = data.project;
  const archived = data.archived ? `已归档（${data.archived.on}，${data.archived.by}）` : "待归档";
  drawTable(frame, {
    header: false,
    fontSize: 9.5,
    columns: [{ header: "", width: 13 }, { header: "", width: 37 }, { header: "", width: 13 }, { header: "", width: 37 }],
    rows: [
      { cells: [label("项目编号"), p.code, label("项目名称"), p.name] },
      { cells: [label("建设单位"), p.clientName, label("工程地址"), p.siteAddress] },
      { cells: [label("项目经理"), p.pmName, label("验收日期"), data.acceptedOn ?? "—"] },
      { cells: [label("归档状态"), archived, label("文件数量"), `${data.entries.length + 1} 个（含本目录）`] },
    ],
  });
}

function signersText(entry: ArchiveEntry): string {
  if (entry.source === "file") return "—";
  if (entry.signers.length === 0) return "无签署";
  return entry.signers.map((s) => `${s.signedOn} ${s.name}（${s.organisation || s.role}）`).join("\n");
}

function entryRow(entry: ArchiveEntry): Row {
  return {
    cells: [
      String(entry.position).padStart(2, "0"),
      { text: entry.title, note: entry.zipName },
      entry.number ? { text: entry.number, note: `第 ${entry.version} 版` } : { text: "—", note: entry.originalName ? `原文件：${entry.originalName}` : undefined },
      entry.date,
      signersText(entry),
      { text: shortHash(entry.sha256) },
    ],
  };
}

export function drawArchiveIndex(data: ArchiveIndexData, meta: ArchiveIndexMeta): Promise<Buffer> {
  const { companyName, ...documentMeta } = meta;
  return renderDocument({ title: ARCHIVE_INDEX_TITLE, companyName, meta: documentMeta }, (frame) => {
    projectBlock(frame, data);
    frame.heading("归档文件目录");
    const documents = data.entries.filter((e) => e.source === "document");
    const files = data.entries.filter((e) => e.source === "file");
    const rows: Row[] = [
      { fill: COLORS.shade, cells: ["00", { text: ARCHIVE_INDEX_TITLE, note: ARCHIVE_INDEX_ZIP_NAME }, { text: meta.number, note: `第 ${meta.version} 版` }, "本目录", "—", "—"] },
    ];
    if (documents.length) rows.push({ bold: true, cells: [{ text: "一、签署文件", span: 6, align: "left" }] });
    rows.push(...documents.map(entryRow));
    if (files.length) rows.push({ bold: true, cells: [{ text: "二、技术档案和施工管理资料", span: 6, align: "left" }] });
    rows.push(...files.map(entryRow));
    drawTable(frame, {
      fontSize: 8,
      zebra: false,
      columns: [
        { header: "序号", width: 5, align: "center" },
        { header: "资料名称 / 包内文件", width: 27 },
        { header: "编号 / 版本", width: 16, nowrap: true },
        { header: "出具/上传日期", width: 10, align: "center", nowrap: true },
        { header: "签署人（单位）及日期", width: 28 },
        { header: "SHA-256（前 16 位）", width: 14, nowrap: true },
      ],
      rows,
    });
    frame.paragraph(
      "说明：1. 本目录随竣工资料包（ZIP）一并出具，列出包内全部文件及其顺序。2. SHA-256 为文件内容的指纹，可用任何校验工具对包内文件计算后核对。" +
        "3. 各签署文件页脚的二维码和验证码可在线核验其真伪及是否为现行版本。",
      { size: 8, color: COLORS.muted },
    );
  });
}
