import type { Db } from "#db/client";
import { formDataToObject } from "~/lib/forms";
import type { SessionUser } from "~/lib/session.server";
import { readMultipartForm, UploadTooLargeError, type ReceivedFile } from "~/lib/uploads.server";
import { removeCredential, saveCredential } from "./credentials-save.server";
import { entryFail, type EntryResult } from "./entry-access.server";
import { removeCertificate, saveCertificate } from "./entry-certificates.server";
import { addCrewMember, removeCrewMember, updateCrewMember } from "./entry-crew.server";

export interface EntryRequest {
  tooLarge: boolean;
  intent: string;
  form: FormData;
  /** Typed text fields, to refill the form. */
  values: Record<string, string>;
  object: Record<string, unknown>;
  files: Record<string, ReceivedFile[]>;
  uploadErrors: Record<string, string>;
}

/** Scans are PDFs or images, checked by their bytes; `file` on every form, `credentialFile` on the new-member form. */
const SCAN_FIELDS = { file: ["pdf", "image"], credentialFile: ["pdf", "image"] } as const;

/** Reads a page form or an API request (multipart with scans, urlencoded, or already-parsed JSON). */
export async function readEntryRequest(request: Request, json?: Record<string, unknown>): Promise<EntryRequest> {
  const empty = { files: {}, uploadErrors: {} };
  if (json) return { tooLarge: false, intent: String(json.intent ?? ""), form: new FormData(), values: {}, object: json, ...empty };
  let form: FormData;
  let files: Record<string, ReceivedFile[]> = {};
  let uploadErrors: Record<string, string> = {};
  try {
    if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
      const parsed = await readMultipartForm(request, { file: [...SCAN_FIELDS.file], credentialFile: [...SCAN_FIELDS.credentialFile] });
      ({ form, files, errors: uploadErrors } = parsed);
    } else form = await request.formData();
  } catch (error) {
    if (!(error instanceof UploadTooLargeError)) throw error;
    return { tooLarge: true, intent: "", form: new FormData(), values: {}, object: {}, ...empty };
  }
  const { object, values } = formDataToObject(form);
  return { tooLarge: false, intent: String(form.get("intent") ?? ""), form, values, object, files, uploadErrors };
}

/** One page intent (`addMember`, `updateCredential:<id>`, `removeCertificate:<id>` …) → its service. */
export async function runEntryIntent(db: Db, input: { projectId: string; user: SessionUser; body: EntryRequest }): Promise<EntryResult> {
  const { projectId, user, body } = input;
  const [verb, id = ""] = body.intent.split(":");
  const file = body.files.file?.[0] ?? null;
  switch (verb) {
    case "addMember":
      return addCrewMember(db, { projectId, user, object: body.object, file: body.files.credentialFile?.[0] ?? null, uploadErrors: body.uploadErrors });
    case "updateMember":
      return updateCrewMember(db, { projectId, user, memberId: id, object: body.object });
    case "removeMember":
      return removeCrewMember(db, { projectId, user, memberId: id });
    case "addCredential":
      return saveCredential(db, { projectId, user, memberId: id, object: body.object, file, uploadErrors: body.uploadErrors });
    case "updateCredential":
      return saveCredential(db, { projectId, user, memberId: String(body.object.memberId ?? ""), credentialId: id, object: body.object, file, uploadErrors: body.uploadErrors });
    case "removeCredential":
      return removeCredential(db, { projectId, user, credentialId: id });
    case "addCertificate":
      return saveCertificate(db, { projectId, user, object: body.object, file, uploadErrors: body.uploadErrors });
    case "updateCertificate":
      return saveCertificate(db, { projectId, user, certificateId: id, object: body.object, file, uploadErrors: body.uploadErrors });
    case "removeCertificate":
      return removeCertificate(db, { projectId, user, certificateId: id });
    default:
      return entryFail(400, "site.entry.unknownAction");
  }
}
