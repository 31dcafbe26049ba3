import { readMultipartForm, UploadTooLargeError, type ReceivedFile } from "~/lib/uploads.server";

export interface VendorRequestBody {
  form: FormData;
  /** The qualification scan (field `file`), already checked by its magic bytes. */
  file: ReceivedFile | undefined;
  /** Field → message key from the upload (upload.tooLarge / upload.badType). */
  uploadErrors: Record<string, string>;
  /** The whole body was refused before reading: no field is known. */
  tooLarge: boolean;
}

/**
 * The vendor page posts plain forms (company, contacts) and multipart ones (a qualification scan);
 * both are read here, the multipart one through readMultipartForm so size and type are enforced
 * before anything is stored.
 */
export async function readVendorRequest(request: Request): Promise<VendorRequestBody> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    return { form: await request.formData(), file: undefined, uploadErrors: {}, tooLarge: false };
  }
  try {
    const { form, files, errors } = await readMultipartForm(request, { file: ["pdf", "image"] });
    return { form, file: files.file?.[0], uploadErrors: errors, tooLarge: false };
  } catch (error) {
    if (error instanceof UploadTooLargeError) return { form: new FormData(), file: undefined, uploadErrors: { file: "upload.tooLarge" }, tooLarge: true };
    throw error;
  }
}
