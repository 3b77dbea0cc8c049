// Issuing an invitation, one flow for the three realms (platform staff, a tenant's staff, its portal customers):
// the token, its expiry, the realm's row, the link and the mail. The realm only says where the invitation leads and
// writes its own row (its repository, its audit trail); everything else is the same and is done here.
import { Injectable } from '@nestjs/common';
import { accountLink, AppConfig, Clock, consoleOrigin, invitationExpiry, newToken } from '@app/core';
import { invitationMail, type MailBusiness } from './account-mails';
import { MailRepository } from './mail.repository';
import { OutboxService } from './outbox.service';

/** Where an invitation leads: the platform, or a tenant (its slug for the link, its name for the mail). */
export type InvitationPlace = { realm: 'platform' } | { realm: 'tenant-staff' | 'customer'; slug: string; business: MailBusiness };

/** What the realm's store writes: its invitation row keeps only the token's hash. */
export interface InvitationToStore {
  tokenHash: string;
  expiresAt: Date;
}

/** The invited account as the realm shows it, with the link the routes answer (and the mail carries). */
export type IssuedAccountInvitation<A> = A & { invitationUrl: string; invitationExpiresAt: Date };

@Injectable()
export class AccountInvitationsService {
  constructor(
    private readonly repository: MailRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Makes a one-time token and its expiry, lets `store` write the realm's account and invitation rows, and queues the
   * invitation mail, all in one transaction (the caller's when it has one): the mail goes only if the rows do, and a
   * mail server that is down delays the invitation, never loses it. Answers the account with its link.
   */
  async issue<A extends { email: string }>(place: InvitationPlace, store: (invitation: InvitationToStore) => Promise<A>): Promise<IssuedAccountInvitation<A>> {
    const { token, hash } = newToken();
    const expiresAt = invitationExpiry(this.clock.now());
    const slug = place.realm === 'platform' ? null : place.slug;
    const business = place.realm === 'platform' ? null : place.business;
    return this.repository.transaction(async () => {
      const account = await store({ tokenHash: hash, expiresAt });
      const invitationUrl = accountLink(consoleOrigin(this.config), place.realm, slug, 'invitation', token);
      await this.outbox.enqueue(invitationMail(place.realm, account.email, invitationUrl, business), { topic: 'invitation' });
      return { ...account, invitationUrl, invitationExpiresAt: expiresAt };
    });
  }
}
