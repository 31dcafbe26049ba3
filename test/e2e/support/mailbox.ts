import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { e2eEnv } from "./e2e-env";

export interface ReceivedMail {
  file: string;
  to: string[];
  subject: string;
  text: string;
}

/**
 * The mail the app has sent in this run: without SMTP_URL the outbox worker writes each message
 * to DATA_DIR/mail/<id>.eml, which is exactly what a recipient would get.
 */
export async function readMailbox(): Promise<ReceivedMail[]> {
  const dir = path.join(e2eEnv().dataDir, "mail");
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort((a, b) => Number.parseInt(a) - Number.parseInt(b));
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(fs.readFileSync(path.join(dir, file)));
      const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ""));
      return { file, to, subject: parsed.subject ?? "", text: parsed.text ?? "" };
    }),
  );
}

/**
 * Waits until a mail to `address` whose subject contains `subject` has been written, and returns it.
 * With `seen`, only a mail not returned before counts (and it is added): a second round of links
 * must not be answered with the first round's mail that is already on disk.
 */
export async function waitForMail(address: string, subject: string, timeoutMs = 15_000, seen?: Set<string>): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readMailbox()).filter((m) => m.to.includes(address) && m.subject.includes(subject) && !seen?.has(m.file)).pop();
    if (found) {
      seen?.add(found.file);
      return found;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${address} with subject containing ${subject}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The first link in a mail's text that starts with the given path, e.g. "/q/". */
export function linkIn(mail: ReceivedMail, pathPrefix: string): string {
  const match = mail.text.match(new RegExp(`https?://[^\\s]+${pathPrefix.replace(/\//g, "\\/")}[A-Za-z0-9_-]+`));
  if (!match) throw new Error(`no ${pathPrefix} link in mail ${mail.subject}`);
  return new URL(match[0]).pathname;
}
