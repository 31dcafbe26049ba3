import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  messageId: string | undefined;
  subject: string | undefined;
  from: string;
  to: string[];
  cc: string[];
  /** The SMTP envelope recipients: who the message was really delivered to (Bcc included). */
  rcptTo: string[];
  headers: Map<string, unknown>;
  text: string | undefined;
  html: string | false | undefined;
  attachments: { filename: string | undefined; contentType: string; content: Buffer }[];
  raw: Buffer;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** How many messages arrived with this Message-ID (a message must be delivered once). */
  countByMessageId(messageId: string): number;
  stop(): Promise<void>;
  /** Listen again on the same port, after stop(): the server "comes back". */
  restart(): Promise<void>;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ""));
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth) that parses and keeps what it receives. */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;

  const create = () =>
    new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      closeTimeout: 500,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("error", callback);
        stream.on("end", () => {
          const raw = Buffer.concat(chunks);
          // Parse before answering 250: when the sender's sendMail resolves, `received` has it.
          simpleParser(raw)
            .then((m) => {
              received.push({
                messageId: m.messageId,
                subject: m.subject,
                from: addresses(m.from)[0] ?? "",
                to: addresses(m.to),
                cc: addresses(m.cc),
                rcptTo: session.envelope.rcptTo.map((r) => r.address),
                headers: m.headers,
                text: m.text,
                html: m.html,
                attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
                raw,
              });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });

  const listen = (s: SMTPServer, port: number) =>
    new Promise<number>((resolve, reject) => {
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => resolve((s.server.address() as AddressInfo).port));
    });

  server = create();
  const port = await listen(server, 0);

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    countByMessageId: (id) => received.filter((m) => m.messageId === id).length,
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async restart() {
      if (server) return;
      server = create();
      await listen(server, port);
    },
  };
}
