import { translate } from "~/i18n";
import { apiError, apiLocale, readJsonObject } from "~/lib/api.server";
import { readEntryRequest, type EntryRequest } from "./entry-actions.server";

/**
 * An API write to the entry documents: multipart (with a scan in `file`, or `credentialFile` when
 * adding a member), or JSON. Scans are refused by size before buffering and by their bytes.
 */
export async function readEntryApiRequest(request: Request): Promise<EntryRequest | Response> {
  const locale = apiLocale(request);
  const type = request.headers.get("Content-Type") ?? "";
  if (/^application\/json/i.test(type)) {
    const json = await readJsonObject(request);
    if (json instanceof Response) return json;
    return readEntryRequest(request, json);
  }
  const body = await readEntryRequest(request);
  if (body.tooLarge) return apiError(413, "PAYLOAD_TOO_LARGE", translate(locale, "upload.tooLarge"));
  if (Object.values(body.uploadErrors).includes("upload.tooLarge")) return apiError(413, "PAYLOAD_TOO_LARGE", translate(locale, "upload.tooLarge"));
  return body;
}
