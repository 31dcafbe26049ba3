// Reads the signing part of a task form: decision, opinion, signer, the drawn signature (a PNG
// data URL from the canvas) or the typed name, and the seal image. Messages are catalogue keys.
import type { ReceivedFile } from "~/lib/uploads.server";

export const MAX_SIGNATURE_BYTES = 500 * 1024;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface SignatureInput {
  decision: "approved" | "rejected";
  opinion: string;
  signerName: string;
  signerRole: string;
  signaturePng?: Buffer;
  typedSignature?: string;
  sealImage?: { bytes: Buffer; mime: string; name: string } | null;
}

export type SignatureRead = { ok: true; data: SignatureInput; values: Record<string, string> } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** A PNG data URL → its bytes, or the message to show beside the field. */
export function decodeSignaturePng(dataUrl: string): { png: Buffer } | { error: string } {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/=\s]+)$/.exec(dataUrl.trim());
  if (!match) return { error: "review.signature.notPng" };
  const png = Buffer.from(match[1].replace(/\s/g, ""), "base64");
  if (png.length > MAX_SIGNATURE_BYTES) return { error: "review.signature.tooLarge" };
  if (png.length < 60 || !png.subarray(0, 8).equals(PNG_MAGIC) || png.subarray(12, 16).toString("latin1") !== "IHDR") return { error: "review.signature.notPng" };
  return { png };
}

const text = (form: FormData, name: string, max: number) => String(form.get(name) ?? "").replace(/\r\n/g, "\n").trim().slice(0, max);

/**
 * `decisions` maps the form's button values onto approved/rejected (a verification says
 * accepted/rejected; issuing a notice has no decision and passes {issue: 'approved'}).
 */
export function readSignatureForm(
  form: FormData,
  files: Record<string, ReceivedFile[]>,
  uploadErrors: Record<string, string>,
  { decisions = { approved: "approved", rejected: "rejected" } as Record<string, "approved" | "rejected">, opinionRequiredOnReject = true } = {},
): SignatureRead {
  const values = {
    decision: text(form, "decision", 20),
    opinion: text(form, "opinion", 2000),
    signerName: text(form, "signerName", 60),
    signerRole: text(form, "signerRole", 60),
    typedSignature: text(form, "typedSignature", 60),
  };
  const errors: Record<string, string> = {};
  const decision = decisions[values.decision];
  if (!decision) errors.decision = "review.decision.required";
  if (decision === "rejected" && opinionRequiredOnReject && !values.opinion) errors.opinion = "review.opinion.requiredToReject";
  if (!values.signerName) errors.signerName = "form.required";
  if (!values.signerRole) errors.signerRole = "form.required";
  const dataUrl = String(form.get("signature") ?? "").trim();
  let signaturePng: Buffer | undefined;
  if (dataUrl) {
    const decoded = decodeSignaturePng(dataUrl);
    if ("error" in decoded) errors.signature = decoded.error;
    else signaturePng = decoded.png;
  } else if (!values.typedSignature) errors.signature = "review.signature.required";
  if (uploadErrors.seal) errors.seal = uploadErrors.seal;
  const seal = files.seal?.[0];
  if (Object.keys(errors).length || !decision) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    data: {
      decision, opinion: values.opinion, signerName: values.signerName, signerRole: values.signerRole, signaturePng,
      typedSignature: signaturePng ? undefined : values.typedSignature,
      sealImage: seal ? { bytes: seal.bytes, mime: seal.mime, name: seal.name } : null,
    },
  };
}
