import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import addressparser from "nodemailer/lib/addressparser";
import type { SendMailOptions } from "nodemailer/lib/mailer";
import { dataDir, env } from "~/lib/env.server";

/** A message ready to send: payload fields already checked, attachments already loaded. */
export interface OutgoingMail {
  outboxId: number;
  idempotencyKey: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface MailTransport {
  kind: "smtp" | "file";
  /** Resolves with the Message-ID once the message is accepted (by the server or the disk). */
  send(mail: OutgoingMail): Promise<string>;
  close(): void;
}

/**
 * An error that retrying cannot fix (a malformed address, a missing attachment): the worker marks
 * the row failed at once instead of retrying it for hours.
 */
export class PermanentMailError extends Error {
  override name = "PermanentMailError";
}

export function messageIdFor(idempotencyKey: string): string {
  return `<${idempotencyKey}@install-tracker>`;
}

/** CR/LF (and other controls) in a header value would let text start a new header (e.g. Bcc:). */
export function headerSafe(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}

const ADDRESS = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]+$/;

/** One mailbox per entry; a group, a list or anything odd after stripping controls is refused. */
export function parseAddress(raw: string): { name: string; address: string } {
  const parsed = addressparser(headerSafe(raw));
  const only = parsed.length === 1 ? parsed[0] : undefined;
  if (!only || only.group || !only.address || !ADDRESS.test(only.address)) {
    throw new PermanentMailError(`Invalid e-mail address: ${JSON.stringify(raw.slice(0, 200))}`);
  }
  return { name: headerSafe(only.name), address: only.address };
}

export function buildMailOptions(mail: OutgoingMail, from = env().MAIL_FROM): SendMailOptions {
  if (mail.to.length === 0) throw new PermanentMailError("No recipients");
  return {
    from: parseAddress(from),
    to: mail.to.map(parseAddress),
    cc: mail.cc?.length ? mail.cc.map(parseAddress) : undefined,
    subject: headerSafe(mail.subject),
    text: mail.text,
    html: mail.html,
    messageId: messageIdFor(mail.idempotencyKey),
    attachments: mail.attachments.map((a) => ({
      filename: headerSafe(a.filename),
      contentType: headerSafe(a.contentType),
      content: a.content,
    })),
  };
}

// Only in-memory content is ever attached; never let a payload make nodemailer read a path/URL.
const SAFE = { disableFileAccess: true, disableUrlAccess: true } as const;

export function createSmtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    ...SAFE,
    // A hung server must fail well inside the 2-minute claim, so the row is retried, not stuck.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: "smtp",
    async send(mail) {
      const info = await transporter.sendMail(buildMailOptions(mail));
      return info.messageId || messageIdFor(mail.idempotencyKey);
    },
    close: () => transporter.close(),
  };
}

export function emlPath(outboxId: number, dir = dataDir("mail")): string {
  // The id is the whole file name: no user text reaches the path.
  if (!Number.isSafeInteger(outboxId) || outboxId <= 0) throw new Error(`Bad outbox id: ${outboxId}`);
  return path.join(dir, `${outboxId}.eml`);
}

/** Without SMTP (development, demos) each message becomes DATA_DIR/mail/<outbox id>.eml. */
export function createFileTransport(dir = dataDir("mail")): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows", ...SAFE });
  return {
    kind: "file",
    async send(mail) {
      const info = await transporter.sendMail(buildMailOptions(mail));
      await fs.mkdir(dir, { recursive: true });
      const target = emlPath(mail.outboxId, dir);
      // Write then rename, so a reader never sees half a message.
      const temp = `${target}.${process.pid}.tmp`;
      await fs.writeFile(temp, info.message as Buffer);
      await fs.rename(temp, target);
      return info.messageId || messageIdFor(mail.idempotencyKey);
    },
    close: () => transporter.close(),
  };
}

export async function readEmlFile(outboxId: number, dir = dataDir("mail")): Promise<string | null> {
  try {
    return await fs.readFile(emlPath(outboxId, dir), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

const holder = globalThis as unknown as { __installTrackerMailTransport?: MailTransport };

/** The transport chosen by the environment, made once per process. */
export function getMailTransport(): MailTransport {
  if (!holder.__installTrackerMailTransport) {
    const url = env().SMTP_URL;
    holder.__installTrackerMailTransport = url ? createSmtpTransport(url) : createFileTransport();
  }
  return holder.__installTrackerMailTransport;
}
