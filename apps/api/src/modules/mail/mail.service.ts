import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { Environment } from '../../config/environment';

/** An iCalendar invitation (text/calendar part, as calendar clients expect it, and an .ics file). */
export interface MailInvitation {
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  content: string;
  filename: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  invitation?: MailInvitation;
}

/**
 * Outgoing e-mail over SMTP (nodemailer), configured from SMTP_*. Without SMTP_HOST nothing is
 * sent: that is logged once at start-up and `enabled` is false, so callers keep their outbox.
 * `send` rejects on any SMTP failure: callers record it and retry later.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport?: Transporter;
  readonly from: string;

  constructor(env: Environment) {
    this.from = env.SMTP_FROM;
    if (!env.SMTP_HOST) {
      this.logger.warn('SMTP_HOST is not set: e-mail is disabled and no message will be sent');
      return;
    }
    this.transport = createTransport({
      host: env.SMTP_HOST,
      port: env.SMTP_PORT ?? (env.SMTP_SECURE ? 465 : 587),
      secure: env.SMTP_SECURE === true,
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? '' } : undefined,
      // Fail fast: a delivery that cannot be made now is retried by the outbox.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(message: MailMessage): Promise<void> {
    if (!this.transport) return;
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject.replace(/[\r\n]+/g, ' '),
      text: message.text,
      html: message.html,
      icalEvent: message.invitation,
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
