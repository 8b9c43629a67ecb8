import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface CapturedMail {
  to: string[];
  raw: string;
  /** The message with quoted-printable soft line breaks and escapes undone. */
  text: string;
}

/** A real SMTP server on a free local port that keeps every message it receives. */
export class SmtpCapture {
  readonly messages: CapturedMail[] = [];
  private waiters: (() => void)[] = [];

  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<SmtpCapture> {
    let capture: SmtpCapture | undefined = undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          capture!.messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            text: decodeQuotedPrintable(raw),
          });
          capture!.waiters.splice(0).forEach((wake) => wake());
          callback();
        });
      },
    });
    capture = new SmtpCapture(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return capture;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** Waits for a message to an address that matches, for at most `timeoutMs`. */
  async waitFor(
    to: string,
    match: (m: CapturedMail) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<CapturedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => m.to.includes(to) && match(m));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`No e-mail to ${to} within ${timeoutMs} ms (got ${this.messages.length})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The first link to a path in an e-mail, with its token. */
export function linkIn(mail: CapturedMail, path: string): { url: string; token: string } {
  const match = new RegExp(`https?://[^\\s"<>]*${path.replace(/\//g, '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(
    mail.text,
  );
  if (!match) throw new Error(`No ${path} link in the e-mail:\n${mail.text}`);
  return { url: match[0], token: match[1] };
}
