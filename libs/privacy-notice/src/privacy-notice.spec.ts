// The statement as a pure function of controller details, settings and system facts; and its HTML.
import { escapeHtml, html } from '@app/core';
import { buildPrivacyNotice, type PrivacyNotice, SECTION_KEYS, type SectionKey } from './privacy-notice.document';
import { renderPrivacyNoticeHtml } from './privacy-notice.html';
import { timesEn, timesFi } from './privacy-notice.texts';
import { type ControllerDetails, DEFAULT_RECIPIENTS, type RegisterSettingsSnapshot, STORED_DATA_CATEGORIES } from './register-settings.types';

const wellnessRoom: ControllerDetails = {
  legalName: 'WellnessRoom Espoo',
  businessId: '2832233-5',
  streetAddress: 'Merivirta 5A, 2.krs',
  postalCode: '02320',
  city: 'Espoo',
  contactEmail: 'aleksi@wellnessroom.fi',
  contactPerson: 'Aleksi Kovács',
};

const text = (fi: string, en: string) => ({ fi, en });
const settings: RegisterSettingsSnapshot = {
  registerName: 'Wellnessroom asiakasrekisteri',
  purposes: text('Käyttötarkoitus.', 'Purpose.'),
  dataCategories: [...STORED_DATA_CATEGORIES],
  dataSources: text('Tiedot kerätään rekisteröidyiltä itseltään.', 'From the data subjects.'),
  disclosures: text('Tietoja ei luovuteta.', 'No disclosures.'),
  transfersOutsideEea: false,
  transferSafeguards: null,
  customerReviewAfterMonths: 36,
  invoiceRetentionYears: 6,
  accessRequestsPerYear: 1,
  ipLogRetentionDays: 90,
  marketingChannels: ['email', 'sms'],
  securityMeasures: text('Palomuurit.', 'Firewalls.'),
  cookies: text('Eväste on pieni merkintä.', 'A cookie is a small piece of data.'),
  requestContact: null,
  recipients: [...DEFAULT_RECIPIENTS],
  noticeVersion: 3,
  updatedAt: new Date('2026-11-25T10:00:00Z'),
  version: 3,
};
const system = { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, accessLogRetentionDays: 180 };

const build = (lang: 'fi' | 'en', over: Partial<RegisterSettingsSnapshot> = {}, controller = wellnessRoom) =>
  buildPrivacyNotice({ slug: 'wellnessroom-espoo', controller, settings: { ...settings, ...over }, system }, lang);

function sectionText(notice: PrivacyNotice, key: SectionKey): string {
  const section = notice.sections.find((s) => s.key === key)!;
  return section.blocks
    .map((b) => (b.kind === 'paragraph' ? b.text : b.kind === 'list' ? b.items.join('\n') : b.items.map((f) => `${f.label}: ${f.value}`).join('\n')))
    .join('\n');
}

const VOID = new Set(['meta', 'br', 'hr', 'img', 'link', 'input']);

/** A small checker for the markup this module emits: every element closed in order, no stray `<`, `>` or `&` in text. */
function assertWellFormed(markup: string): void {
  expect(markup.startsWith('<!DOCTYPE html>\n')).toBe(true);
  const body = markup.slice('<!DOCTYPE html>'.length);
  const stack: string[] = [];
  const tag = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/g;
  let last = 0;
  for (const m of body.matchAll(tag)) {
    const between = body.slice(last, m.index);
    expect(between).not.toMatch(/[<>]/);
    expect(between.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
    last = m.index + m[0].length;
    const [, closing, name] = m;
    if (VOID.has(name)) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name);
  }
  expect(body.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}

describe('privacy notice document', () => {
  it('numbers the twelve sections in the order of the reference, with the legal bases as section 6', () => {
    const notice = build('fi');
    expect(notice.sections.map((s) => [s.number, s.key])).toEqual(SECTION_KEYS.map((key, i) => [i + 1, key]));
    expect(notice.sections[5]).toMatchObject({ number: 6, heading: 'Henkilötietojen käsittelyn oikeusperusteet' });
  });

  it('lists the data categories in the order of the settings', () => {
    expect(build('fi').sections[4].blocks[1]).toEqual({
      kind: 'list',
      items: ['y-tunnus', 'yrityksen nimi', 'yhteyshenkilön nimi', 'sähköpostiosoite', 'osoite', 'puhelinnumero', 'laskutustiedot (etu- ja sukunimi)', 'viimeisin sisäänkirjautuminen', 'laskutushistoria', 'markkinointiluvat ja -kiellot sekä niiden muutoshistoria', 'tietosuojaa koskevat pyynnöt ja niiden käsittely'],
    });
  });

  it.each([
    [1, '1 kerran', 'once'],
    [2, '2 kertaa', 'twice'],
    [4, '4 kertaa', '4 times'],
  ])('says %i access requests a year as "%s" / "%s"', (n, fi, en) => {
    expect(timesFi(n)).toBe(fi);
    expect(timesEn(n)).toBe(en);
    expect(sectionText(build('fi', { accessRequestsPerYear: n }), 'rights')).toContain(`tiedoista maksutta ${fi} vuodessa`);
    expect(sectionText(build('en', { accessRequestsPerYear: n }), 'rights')).toContain(`free of charge ${en} a year`);
  });

  it('takes every number from the settings and the configuration', () => {
    const over = { customerReviewAfterMonths: 24, invoiceRetentionYears: 7, ipLogRetentionDays: 30 };
    const fi = build('fi', over);
    expect(sectionText(fi, 'retention')).toContain('24 kuukauden kuluttua');
    expect(sectionText(fi, 'retention')).toContain('7 vuoden ajan');
    expect(sectionText(fi, 'ip-addresses')).toContain('30 päivän ajan');
    expect(sectionText(fi, 'cookies')).toContain('30 minuuttiin');
    expect(sectionText(fi, 'cookies')).toContain('12 tunnin kuluttua');
    const en = build('en', over);
    expect(sectionText(en, 'retention')).toContain('24 months later');
    expect(sectionText(en, 'retention')).toContain('7 years from the end of the financial year');
    expect(sectionText(en, 'ip-addresses')).toContain('kept for 30 days');
    expect(en.facts).toEqual({ accessRequestsPerYear: 1, customerReviewAfterMonths: 24, invoiceRetentionYears: 7, ipLogRetentionDays: 30, transfersOutsideEea: false, marketingChannels: ['email', 'sms'] });
  });

  it('never promises a longer IP log retention than the platform keeps the log', () => {
    const notice = buildPrivacyNotice({ slug: 'x', controller: wellnessRoom, settings: { ...settings, ipLogRetentionDays: 120 }, system: { ...system, accessLogRetentionDays: 60 } }, 'fi');
    expect(sectionText(notice, 'ip-addresses')).toContain('60 päivän ajan');
    expect(notice.facts.ipLogRetentionDays).toBe(60);
    expect(sectionText(build('fi', { ipLogRetentionDays: 120 }), 'ip-addresses')).toContain('120 päivän ajan');
  });

  it('without marketing channels promises no marketing and names no consent basis', () => {
    const fi = build('fi', { marketingChannels: [] });
    expect(sectionText(fi, 'purposes')).toContain('ei käytetä markkinointiin');
    expect(sectionText(fi, 'legal-bases')).not.toContain('suostumus');
    expect(sectionText(build('fi'), 'legal-bases')).toContain('suostumus');
    expect(sectionText(build('fi', { marketingChannels: ['sms'] }), 'purposes')).toContain('tiedotusviestejä tekstiviestillä vain');
  });

  it('describes transfers outside the EU/EEA with their safeguards only when there are some', () => {
    expect(sectionText(build('fi'), 'disclosures')).toContain('Tietoja ei siirretä EU:n tai Euroopan talousalueen ulkopuolelle.');
    const transfers = build('en', { transfersOutsideEea: true, transferSafeguards: text('Vakiolausekkeet.', 'Standard contractual clauses.') });
    expect(sectionText(transfers, 'disclosures')).toContain('These safeguards apply to the transfers: Standard contractual clauses.');
  });

  it('falls back to the controller details for the register name and the contact for requests', () => {
    const notice = build('fi', { registerName: null });
    expect(sectionText(notice, 'register-name')).toBe('WellnessRoom Espoo asiakasrekisteri');
    expect(sectionText(notice, 'contact')).toContain('Nimi: Aleksi Kovács');
    const other = build('en', { requestContact: { name: 'Tietosuojavastaava', email: 'privacy@wellnessroom.fi' } });
    expect(sectionText(other, 'contact')).toContain('E-mail: privacy@wellnessroom.fi');
    expect(sectionText(other, 'rights')).toContain('(privacy@wellnessroom.fi)');
    expect(sectionText(other, 'purposes')).toContain('by e-mail to privacy@wellnessroom.fi');
  });
});

describe('html', () => {
  it('escapes every interpolated string and passes built fragments through', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${[inner, inner]}${42}</p>`.toString()).toBe('<p><b>&lt;i&gt;</b><b>&lt;i&gt;</b><b>&lt;i&gt;</b>42</p>');
    // A string that looks like markup is still a string.
    expect(html`${'<b>x</b>'}`.toString()).toBe('&lt;b&gt;x&lt;/b&gt;');
  });

  it('has a well-formedness check that catches misnesting and raw markup in text', () => {
    expect(() => assertWellFormed('<!DOCTYPE html>\n<p><b>x</p></b>')).toThrow();
    expect(() => assertWellFormed('<!DOCTYPE html>\n<p>a < b</p>')).toThrow();
    expect(() => assertWellFormed('<!DOCTYPE html>\n<p>a & b</p>')).toThrow();
    expect(() => assertWellFormed('<!DOCTYPE html>\n<p>x')).toThrow();
  });

  it.each(['fi', 'en'] as const)('renders a well-formed document without scripts or styles (%s)', (lang) => {
    const markup = renderPrivacyNoticeHtml(build(lang));
    assertWellFormed(markup);
    expect(markup).toContain(`<html lang="${lang}">`);
    expect(markup).not.toMatch(/<script|<style|<link|\sstyle=|\son[a-z]+=/i);
    for (const s of build(lang).sections) expect(markup).toContain(`<h2>${s.number}. ${escapeHtml(s.heading)}</h2>`);
  });

  it('renders hostile tenant text as text', () => {
    const hostile = { ...wellnessRoom, legalName: '<script>alert("x")</script> & Co' };
    const markup = renderPrivacyNoticeHtml(build('fi', { registerName: '</title><img src=x onerror=alert(1)>' }, hostile));
    assertWellFormed(markup);
    expect(markup).not.toMatch(/<script|<img/i);
    expect(markup).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(markup).toContain('<title>Tietosuojaseloste: &lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;</title>');
  });
});
