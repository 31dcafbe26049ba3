// A counting SMTP server for the soak: counts every message it accepts by Message-ID (the outbox's
// idempotency key), keeps what the simulated people need to read (recipients, subject, text), and
// can go down and come back on the same port — the fault the outbox must ride out.
import type { Socket } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface Mail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  at: number;
}

export class CountingSmtpServer {
  readonly counts = new Map<string, number>();
  readonly mails: Mail[] = [];
  private server: SMTPServer | undefined;
  private sockets = new Set<Socket>();
  private waiters = new Set<() => void>();

  constructor(readonly port: number) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get up(): boolean {
    return this.server !== undefined;
  }

  get received(): number {
    return this.mails.length;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      closeTimeout: 200,
      onConnect: (session, callback) => callback(),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("error", callback);
        stream.on("end", () => {
          simpleParser(Buffer.concat(chunks), { skipHtmlToText: true, skipImageLinks: true, skipTextLinks: true })
            .then((m) => {
              // Counted when accepted (before the 250 goes out), as a real mailbox would store it.
              const id = m.messageId ?? "(none)";
              this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
              this.mails.push({ messageId: id, to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject: m.subject ?? "", text: m.text ?? "", at: Date.now() });
              for (const wake of this.waiters) wake();
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    server.server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    server.on("error", () => {}); // a client vanishing mid-session is not our failure
    this.server = server;
  }

  /** Goes down: stops listening and drops open sessions (a crash, not a polite shutdown). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Resolves at the next accepted message (or after timeoutMs). */
  nextMail(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }
}
