export * from './mail.service';
export * from './mail.module';
export { OUTBOX_POLICY, OUTBOX_QUEUE, OutboxService, deliveryErrorCode, type DeliveryOutcome, type OutboxHistoryRow, type OutboxItem, type OutcomeListener } from './outbox.service';
export { invitationMail, type MailBusiness, passwordResetMail } from './account-mails';
export { AccountInvitationsService, type InvitationPlace, type InvitationToStore, type IssuedAccountInvitation } from './account-invitations.service';
