// The 竣工资料归档 as one list: what the index page prints and what the ZIP holds, in the same
// order. Plain module: the PDF template and the services share it.

export interface ArchiveSigner {
  name: string;
  organisation: string;
  role: string;
  /** YYYY-MM-DD, Beijing date. */
  signedOn: string;
}

export interface ArchiveEntry {
  /** 1…n; the index itself is 0. */
  position: number;
  source: "document" | "file";
  title: string;
  /** An issued document's number (BJ-…-V2) and version; null for an uploaded file. */
  number: string | null;
  version: number | null;
  /** Issued (document) or uploaded (file) on, Beijing date. */
  date: string;
  /** Signatures the document carries (empty for unsigned documents and uploaded files). */
  signers: ArchiveSigner[];
  sha256: string;
  /** The path inside the ZIP. */
  zipName: string;
  fileId: string;
  /** For an uploaded file: the name it was uploaded under. */
  originalName: string | null;
}

export interface ArchiveIndexData {
  project: { code: string; name: string; siteAddress: string; clientName: string; pmName: string };
  acceptedOn: string | null;
  /** Set once ARCHIVE was accepted: when and by whom. */
  archived: { on: string; by: string } | null;
  entries: ArchiveEntry[];
}

export const ARCHIVE_INDEX_ZIP_NAME = "00-归档目录.pdf";
