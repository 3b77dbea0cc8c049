// The words a person agrees to when giving marketing consent: the portal shows them, and the ledger keeps the
// ones shown with each grant (Art. 7(1)), so a later change of wording never rewrites what was agreed to.
import type { Purpose } from './consent.entity';

export type WordingLang = 'fi' | 'en';

const WORDING: Record<WordingLang, Record<Purpose, (business: string) => string>> = {
  fi: {
    marketing_email: (b) => `${b} saa lähettää minulle tarjouksia, uutiskirjeitä ja muuta markkinointia sähköpostilla. Voin perua luvan milloin tahansa.`,
    marketing_sms: (b) => `${b} saa lähettää minulle tarjouksia ja markkinointimuistutuksia tekstiviestillä. Voin perua luvan milloin tahansa.`,
  },
  en: {
    marketing_email: (b) => `${b} may send me offers, newsletters and other marketing by e-mail. I can withdraw this at any time.`,
    marketing_sms: (b) => `${b} may send me offers and marketing reminders by text message. I can withdraw this at any time.`,
  },
};

export function consentWording(purpose: Purpose, business: string): Record<WordingLang, string> {
  return { fi: WORDING.fi[purpose](business), en: WORDING.en[purpose](business) };
}
