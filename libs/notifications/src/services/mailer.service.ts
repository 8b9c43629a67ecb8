import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type EmailJob } from '@piazza/core';
import { createTransport, type Transporter } from 'nodemailer';
import { renderEmail } from '../templates/email-templates';

/**
 * Sends e-mails through SMTP_URL. Without one (demo, development) the message is written to the log
 * instead, so a person trying the platform can still follow the links.
 */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailerService.name);
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.SMTP_URL ? createTransport(config.SMTP_URL) : null;
    if (!this.transport)
      this.logger.log('SMTP_URL is not set: e-mails are written to this log instead of being sent');
  }

  async send(job: EmailJob): Promise<{ messageId: string | null }> {
    const email = renderEmail(job.template, job.params);
    if (!this.transport) {
      this.logger.log(`E-mail to ${job.to}: ${email.subject}\n${email.text}`);
      return { messageId: null };
    }
    const info = await this.transport.sendMail({ from: this.config.MAIL_FROM, to: job.to, ...email });
    return { messageId: info.messageId ?? null };
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
