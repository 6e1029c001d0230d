import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
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
  /** Created on the first message: nodemailer adds ~2.4 MB to the heap of a process that may never send. */
  private transport?: Promise<Transporter>;
  readonly from: string;
  readonly enabled: boolean;

  constructor(private readonly env: Environment) {
    this.from = env.SMTP_FROM;
    this.enabled = Boolean(env.SMTP_HOST);
    if (!this.enabled)
      this.logger.warn('SMTP_HOST is not set: e-mail is disabled and no message will be sent');
  }

  private smtp(): Promise<Transporter> {
    this.transport ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({
        host: this.env.SMTP_HOST,
        port: this.env.SMTP_PORT ?? (this.env.SMTP_SECURE ? 465 : 587),
        secure: this.env.SMTP_SECURE === true,
        auth: this.env.SMTP_USER
          ? { user: this.env.SMTP_USER, pass: this.env.SMTP_PASSWORD ?? '' }
          : undefined,
        // Fail fast: a delivery that cannot be made now is retried by the outbox.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    );
    return this.transport;
  }

  async send(message: MailMessage): Promise<void> {
    if (!this.enabled) return;
    const transport = await this.smtp();
    await transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject.replace(/[\r\n]+/g, ' '),
      text: message.text,
      html: message.html,
      icalEvent: message.invitation,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    (await this.transport?.catch(() => undefined))?.close();
  }
}
