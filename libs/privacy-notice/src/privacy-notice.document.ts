// The privacy statement as a document: numbered sections built from the controller details, the register
// settings and the system's own behaviour. HTML and JSON are two renderings of this one model, so they
// cannot say different things.
import type { ControllerDetails, Lang, Recipient, RegisterSettingsSnapshot } from './register-settings.types';
import { effectiveSettings, isOutsideEea } from './register-settings.types';
import { NOTICE_TEXTS, type SystemFacts } from './privacy-notice.texts';

export type NoticeBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'facts'; items: { label: string; value: string }[] };

export const SECTION_KEYS = [
  'controller',
  'contact',
  'register-name',
  'purposes',
  'data-content',
  'legal-bases',
  'disclosures',
  'retention',
  'security',
  'rights',
  'cookies',
  'ip-addresses',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export interface NoticeSection {
  number: number;
  key: SectionKey;
  heading: string;
  blocks: NoticeBlock[];
}

export interface PrivacyNotice {
  tenant: string;
  language: Lang;
  title: string;
  subtitle: string;
  /** "Version 3, updated 2026-11-25": what a reader quotes. */
  versionLine: string;
  noticeVersion: number;
  updatedAt: string;
  /** The numbers the system enforces, as the statement states them. */
  facts: {
    accessRequestsPerYear: number;
    customerReviewAfterMonths: number;
    invoiceRetentionYears: number;
    ipLogRetentionDays: number;
    transfersOutsideEea: boolean;
    marketingChannels: string[];
  };
  /** Who receives or processes the data (GDPR Art. 13(1)(e)), as section 7 lists them. */
  recipients: RecipientView[];
  sections: NoticeSection[];
}

export interface RecipientView extends Recipient {
  outsideEea: boolean;
}

export function recipientViews(recipients: readonly Recipient[]): RecipientView[] {
  return recipients.map((r) => ({ ...r, outsideEea: isOutsideEea(r.country) }));
}

export interface NoticeInput {
  slug: string;
  controller: ControllerDetails;
  settings: RegisterSettingsSnapshot;
  system: SystemFacts;
}

export function buildPrivacyNotice(input: NoticeInput, lang: Lang): PrivacyNotice {
  const t = NOTICE_TEXTS[lang];
  const { controller, settings, system } = input;
  const effective = effectiveSettings(settings, controller, system.accessLogRetentionDays);
  const ctx = { controller, settings, system, registerName: effective.registerName[lang], contact: effective.requestContact, ipLogRetentionDays: effective.ipLogRetentionDays, lang };
  const sections = SECTION_KEYS.map((key, index) => ({ number: index + 1, key, heading: t.headings[key], blocks: t.sections[key](ctx) }));
  return {
    tenant: input.slug,
    language: lang,
    title: t.title(ctx.registerName),
    subtitle: t.subtitle,
    versionLine: t.versionLine(settings.noticeVersion, settings.updatedAt),
    noticeVersion: settings.noticeVersion,
    updatedAt: settings.updatedAt.toISOString(),
    facts: {
      accessRequestsPerYear: settings.accessRequestsPerYear,
      customerReviewAfterMonths: settings.customerReviewAfterMonths,
      invoiceRetentionYears: settings.invoiceRetentionYears,
      ipLogRetentionDays: effective.ipLogRetentionDays,
      transfersOutsideEea: settings.transfersOutsideEea,
      marketingChannels: [...settings.marketingChannels],
    },
    recipients: recipientViews(settings.recipients),
    sections,
  };
}
