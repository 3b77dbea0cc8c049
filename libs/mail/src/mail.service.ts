// Outgoing e-mail: SMTP when SMTP_URL is set, otherwise .eml files under the data folder so a fresh start works offline.
import { Injectable, Logger } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '@app/core';

/** A file sent with a message. Base64, so a queued message stays plain JSON in the outbox's job. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;
  private readonly outbox?: string;

  constructor(private readonly config: AppConfig) {
    if (config.smtpUrl) {
      this.transport = nodemailer.createTransport(config.smtpUrl);
    } else {
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.outbox = resolve(config.dataDir, 'mail');
    }
  }

  async send(message: MailMessage): Promise<void> {
    const { attachments, ...rest } = message;
    const info = await this.transport.sendMail({
      from: this.config.mailFrom,
      ...rest,
      ...(attachments?.length ? { attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') })) } : {}),
    });
    if (this.outbox) {
      await mkdir(this.outbox, { recursive: true });
      const file = join(this.outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`);
      await writeFile(file, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
    }
    this.logger.log({ messageId: info.messageId, subject: message.subject }, 'mail sent');
  }
}
