import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { fileTypeFromBuffer } from "file-type";
import { withSafeMultipart } from "./multipart-headers.server";
import { sha256Hex } from "./tokens.server";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** A whole form: files plus text, with room for several attachments. */
export const MAX_FORM_BYTES = 40 * 1024 * 1024;

export type UploadKind = "image" | "pdf" | "spreadsheet";

/** What each kind accepts, decided by the file's first bytes, never by its name or declared type. */
const ACCEPTED: Record<UploadKind, string[]> = {
  image: ["image/jpeg", "image/png", "image/webp"],
  pdf: ["application/pdf"],
  spreadsheet: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"],
};

export interface ReceivedFile {
  field: string;
  name: string;
  mime: string;
  bytes: Buffer;
  size: number;
  sha256: string;
}

export interface ParsedUpload {
  form: FormData;
  files: Record<string, ReceivedFile[]>;
  /** Field → message key (upload.tooLarge / upload.badType / upload.empty). */
  errors: Record<string, string>;
}

export class UploadTooLargeError extends Error {
  constructor() {
    super("upload.tooLarge");
  }
}

/**
 * A file name safe to store and to send back in Content-Disposition: no path, no control
 * characters (CR/LF), no quotes or separators; Chinese kept. Falls back to "file".
 */
export function safeFileName(raw: string | undefined, fallbackExt = ""): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"*:<>?|]/g, "")
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "") // bidi controls can disguise an extension
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 120);
  return cleaned || `file${fallbackExt}`;
}

/** CSV has no magic bytes: accept it only if it decodes as UTF-8 text without NUL bytes. */
function looksLikeCsv(bytes: Buffer, name: string): boolean {
  if (!/\.csv$/i.test(name) || bytes.includes(0)) return false;
  return !new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 4096)).includes("\uFFFD");
}

export async function sniffMime(bytes: Buffer, name: string, kinds: UploadKind[]): Promise<string | null> {
  const detected = (await fileTypeFromBuffer(bytes))?.mime;
  const allowed = kinds.flatMap((k) => ACCEPTED[k]);
  if (detected && allowed.includes(detected)) return detected;
  if (!detected && kinds.includes("spreadsheet") && looksLikeCsv(bytes, name)) return "text/csv";
  return null;
}

/**
 * Reads a multipart form. The body is refused before reading when its declared length is too big,
 * and each file is read chunk by chunk and dropped as soon as it passes the limit, so an oversized
 * upload is never held in memory. `accept` says which fields take files of which kinds.
 */
export async function readMultipartForm(
  request: Request,
  accept: Record<string, UploadKind[]>,
  { maxFileBytes = MAX_UPLOAD_BYTES, maxFormBytes = MAX_FORM_BYTES } = {},
): Promise<ParsedUpload> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxFormBytes) throw new UploadTooLargeError();
  const files: Record<string, ReceivedFile[]> = {};
  const errors: Record<string, string> = {};
  const pending: { field: string; name: string; bytes: Buffer }[] = [];

  const handler: UploadHandler = async ({ name: field, filename, data }) => {
    if (filename === undefined) {
      // A text field: small by nature; cap it anyway.
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > 1_000_000) throw new UploadTooLargeError();
        chunks.push(chunk);
      }
      return new TextDecoder().decode(Buffer.concat(chunks));
    }
    if (!accept[field]) {
      for await (const _ of data) void _; // drain a file sent to a field that takes none
      return null;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    let tooLarge = false;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > maxFileBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    }
    if (tooLarge) errors[field] = "upload.tooLarge";
    else if (size > 0) pending.push({ field, name: filename, bytes: Buffer.concat(chunks) });
    return null;
  };

  const form = await unstable_parseMultipartFormData(withSafeMultipart(request), handler);
  for (const file of pending) {
    const mime = await sniffMime(file.bytes, file.name, accept[file.field]);
    if (!mime) {
      errors[file.field] = "upload.badType";
      continue;
    }
    (files[file.field] ??= []).push({
      field: file.field,
      name: safeFileName(file.name),
      mime,
      bytes: file.bytes,
      size: file.bytes.length,
      sha256: sha256Hex(file.bytes),
    });
  }
  return { form, files, errors };
}
