import { describe, expect, it } from 'vitest';
import type { RegisterSettings } from './queries';
import { apiErrors, draftBody, formOf, rebase, saveBody, validate } from './settings-form';

const text = (s: string) => ({ fi: `${s} fi`, en: `${s} en` });
const settings: RegisterSettings = {
  registerName: null,
  purposes: text('purposes'),
  dataCategories: ['business_id', 'company_name', 'contact_name', 'email', 'postal_address', 'phone', 'billing_name', 'last_login', 'billing_history', 'marketing_consents', 'data_subject_requests'],
  dataSources: text('sources'),
  disclosures: text('disclosures'),
  transfersOutsideEea: false,
  transferSafeguards: null,
  customerReviewAfterMonths: 36,
  invoiceRetentionYears: 6,
  accessRequestsPerYear: 1,
  ipLogRetentionDays: 90,
  marketingChannels: ['email', 'sms'],
  securityMeasures: text('security'),
  cookies: text('cookies'),
  requestContact: null,
  recipients: [{ name: 'UpCloud Oy (Helsinki)', role: 'hosting', country: 'FI', outsideEea: false, safeguard: null }],
  noticeVersion: 1,
  updatedAt: '2026-12-01T10:00:00Z',
  version: 3,
  effective: { registerName: text('name'), requestContact: { name: 'Olli', email: 'olli@x.test' }, ipLogRetentionDays: 90 },
  warnings: [],
};

describe('the register settings form', () => {
  it('saves only what changed, under the version read', () => {
    const base = formOf(settings);
    const form = { ...base, accessRequestsPerYear: ' 2 ', purposes: { fi: 'Uusi tarkoitus ', en: 'purposes en' }, marketingChannels: ['sms'] };
    expect(saveBody(base, form, 3)).toEqual({ version: 3, accessRequestsPerYear: 2, purposes: { fi: 'Uusi tarkoitus', en: 'purposes en' }, marketingChannels: ['sms'] });
    expect(saveBody(base, base, 3)).toEqual({ version: 3 });
  });

  it('sends a contact of its own, or null for the business contact; an empty name for the default name', () => {
    const base = formOf({ ...settings, registerName: 'Oma nimi' });
    expect(saveBody(base, { ...base, registerName: '  ', ownContact: false, contactName: 'Tietosuoja', contactEmail: 'tietosuoja@x.test' }, 3)).toEqual({
      version: 3,
      registerName: null,
      requestContact: { name: 'Tietosuoja', email: 'tietosuoja@x.test' },
    });
  });

  it('says what the API would refuse before sending', () => {
    const form = { ...formOf(settings), ipLogRetentionDays: '0', invoiceRetentionYears: '5,5', purposes: { fi: '', en: 'x' }, transfersOutsideEea: true, ownContact: false, contactName: 'A', contactEmail: 'no' };
    expect(validate(form)).toEqual({
      ipLogRetentionDays: { id: 'settings.error.range', values: { min: 1, max: 365 } },
      invoiceRetentionYears: { id: 'settings.error.range', values: { min: 6, max: 20 } },
      'purposes.fi': { id: 'settings.error.required' },
      'transferSafeguards.fi': { id: 'settings.error.safeguards' },
      'transferSafeguards.en': { id: 'settings.error.safeguards' },
      'requestContact.email': { id: 'settings.error.email' },
    });
    expect(validate(formOf(settings))).toEqual({});
  });

  it("puts the API's errors beside the inputs they name, in the console's words", () => {
    expect(
      apiErrors([
        { field: 'ipLogRetentionDays', message: 'the platform keeps the IP access log for at most 90 days' },
        { field: 'dataCategories', message: 'the system stores these of every customer, so the statement must list them: email, phone' },
        { field: 'purposes.en', message: 'en must be longer than or equal to 1 characters' },
        { field: 'cookies', message: 'cookies must be an object' },
      ]),
    ).toEqual({
      ipLogRetentionDays: { id: 'settings.error.ipLogCap', values: { days: 90 } },
      dataCategories: { id: 'settings.error.categories', values: { categories: 'email, phone' } },
      'purposes.en': { id: 'settings.error.invalid' },
      'cookies.fi': { id: 'settings.error.invalid' },
    });
  });

  it("after a conflict keeps the user's changes over the latest settings and names the other person's", () => {
    const base = formOf(settings);
    const mine = { ...base, accessRequestsPerYear: '2', cookies: { fi: 'minun', en: 'mine' } };
    const latest = formOf({ ...settings, accessRequestsPerYear: 3, ipLogRetentionDays: 30, version: 4 });
    const { form, theirs, both } = rebase(base, mine, latest);
    expect(form).toEqual({ ...latest, accessRequestsPerYear: '2', cookies: { fi: 'minun', en: 'mine' } });
    expect(theirs).toEqual(['accessRequestsPerYear', 'ipLogRetentionDays']);
    expect(both).toEqual(['accessRequestsPerYear']);
  });

  it('sends recipients without what the API computes, with the country in capitals and an empty safeguard as none', () => {
    const base = formOf(settings);
    const form = { ...base, recipients: [...base.recipients, { name: ' Mailgun ', role: 'email' as const, country: 'us', safeguard: { fi: 'SCC', en: 'SCC' } }] };
    expect(saveBody(base, form, 3)).toEqual({
      version: 3,
      recipients: [
        { name: 'UpCloud Oy (Helsinki)', role: 'hosting', country: 'FI', safeguard: null },
        { name: 'Mailgun', role: 'email', country: 'US', safeguard: { fi: 'SCC', en: 'SCC' } },
      ],
    });
    expect(validate({ ...form, recipients: [{ ...form.recipients[1], country: 'USA' }] })).toEqual({ 'recipients.0.country': { id: 'settings.error.country' } });
    expect(apiErrors([{ field: 'recipients.1.safeguard', message: 'x' }])).toEqual({ 'recipients.1.safeguard.fi': { id: 'settings.error.recipientSafeguard' } });
  });

  it('previews only changed, valid edits', () => {
    const base = formOf(settings);
    expect(draftBody(base, base)).toBeNull();
    expect(draftBody(base, { ...base, accessRequestsPerYear: '2' })).toEqual({ accessRequestsPerYear: 2 });
    expect(draftBody(base, { ...base, accessRequestsPerYear: '99' })).toBeNull();
  });
});
