import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG } from '@aigov/config/config.module';
import { AppConfig } from '@aigov/config/app-config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** stable per logical message, so receivers can recognise a resend */
  messageId: string;
}

/** SMTP delivery through nodemailer; failures propagate so the calling activity retries. */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = createTransport(config.smtpUrl, { from: config.mailFrom });
  }

  async send(mail: OutgoingMail): Promise<string> {
    const info = await this.transport.sendMail({ ...mail, from: this.config.mailFrom });
    return info.messageId;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
