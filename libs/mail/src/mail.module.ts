import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';
import { OutboxService } from './outbox.service';
import { DatabaseModule } from '@app/database';
import { MailRepository } from './mail.repository';
import { AccountInvitationsService } from './account-invitations.service';

/** Mail transport (MailService), the e-mail outbox (OutboxService; needs the JobsModule), and the one invitation flow. */
@Global()
@Module({ imports: [DatabaseModule], providers: [MailService, OutboxService, MailRepository, AccountInvitationsService], exports: [MailService, OutboxService, AccountInvitationsService] })
export class MailModule {}
