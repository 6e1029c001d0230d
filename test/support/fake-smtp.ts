import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The text/calendar part (an invitation), decoded; '' when none. */
  calendar: string;
  /** Its METHOD parameter (REQUEST, CANCEL), '' when none. */
  calendarMethod: string;
}

/** Just enough MIME to read what nodemailer writes: encoded words, multipart, QP and base64. */
function decodeBytes(encoding: string, body: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const soft = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i += 1) {
      if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
        bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? decodeBytes('base64', text)
        : decodeBytes('quoted-printable', text.replace(/_/g, ' ')),
    );
}

function splitMessage(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(at + 4) };
}

function readParts(headers: Record<string, string>, body: string, mail: ReceivedMail): void {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`).slice(1, -1)) {
      const inner = splitMessage(part.replace(/^\r\n/, ''));
      readParts(inner.headers, inner.body, mail);
    }
    return;
  }
  const content = decodeBytes(headers['content-transfer-encoding'] ?? '', body);
  if (type.startsWith('text/html')) mail.html = content;
  else if (type.startsWith('text/plain')) mail.text = content;
  else if (type.startsWith('text/calendar') && !mail.calendar) {
    mail.calendar = content;
    mail.calendarMethod = /method=([A-Za-z]+)/i.exec(type)?.[1]?.toUpperCase() ?? '';
  }
}

function parseMail(raw: string, to: string[]): ReceivedMail {
  const { headers, body } = splitMessage(raw);
  const mail: ReceivedMail = {
    to,
    subject: decodeWords(headers.subject ?? ''),
    text: '',
    html: '',
    calendar: '',
    calendarMethod: '',
  };
  readParts(headers, body, mail);
  return mail;
}

/** An SMTP server that keeps what it receives, decoded (tests of e-mail). */
export class FakeSmtp {
  readonly mails: ReceivedMail[] = [];
  private server?: SMTPServer;
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          this.mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), to));
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  to(member: { email: string }): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(member.email));
  }
}
