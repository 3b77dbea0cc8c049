import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';
import { OutboxService } from './outbox.service';
import { DatabaseModule } from '@app/database';
import { MailRepository } from './mail.repository';

/** Mail transport (MailService) and the e-mail outbox (OutboxService; needs the JobsModule). */
@Global()
@Module({ imports: [DatabaseModule], providers: [MailService, OutboxService, MailRepository], exports: [MailService, OutboxService] })
export class MailModule {}
