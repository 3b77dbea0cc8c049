// What the account mails say, in one place for the three realms (platform staff, a tenant's staff, its
// portal customers): the invitation and the password reset link. Both go out through the outbox.
import type { Realm } from '@app/core';
import type { MailMessage } from './mail.service';

/** The business whose staff or customer the mail is for (its name, and the language it works in); none for platform staff. */
export interface MailBusiness {
  legalName: string;
  language?: string;
}

export function invitationMail(realm: Realm, to: string, url: string, business: MailBusiness | null): MailMessage {
  const name = business?.legalName ?? '';
  switch (realm) {
    case 'platform':
      return { to, subject: 'Invitation: Rekisteri platform staff', text: `You have been invited to the Rekisteri platform.\n\n${url}\n` };
    case 'tenant-staff':
      return { to, subject: `Kutsu: ${name} / Invitation: ${name}`, text: `Sinut on kutsuttu asiakasrekisterin käyttäjäksi.\nYou have been invited to the customer register.\n\n${url}\n` };
    case 'customer':
      return {
        to,
        subject: `${name}: kutsu asiakasportaaliin / invitation to the customer portal`,
        text: `${name} kutsuu sinut asiakasportaaliin, jossa näet ja voit korjata tietosi.\n` + `${name} invites you to its customer portal, where you can see and correct your data.\n\n${url}\n`,
      };
  }
}

/** The reset mail: in the business's language for its staff and customers; in Finnish and English for platform staff. */
export function passwordResetMail(to: string, url: string, business: MailBusiness | null): MailMessage {
  const fi = {
    subject: `${business ? `${business.legalName}: ` : ''}salasanan vaihtaminen`,
    body:
      `Salasanasi vaihtamista pyydettiin. Valitse uusi salasana tästä linkistä (toimii kerran, tunnin ajan):\n\n${url}\n\n` +
      'Jos et pyytänyt vaihtoa, voit jättää viestin huomiotta: salasanasi pysyy ennallaan.\n',
  };
  const en = {
    subject: `${business ? `${business.legalName}: ` : ''}reset your password`,
    body:
      `Someone asked to reset your password. Choose a new one with this link (it works once, for one hour):\n\n${url}\n\n` +
      'If it was not you, ignore this message: your password stays as it is.\n',
  };
  if (!business) return { to, subject: `Rekisteri: salasanan vaihtaminen / reset your password`, text: `${fi.body}\n---\n\n${en.body}` };
  const text = business.language === 'en' ? en : fi;
  return { to, subject: text.subject, text: text.body };
}
