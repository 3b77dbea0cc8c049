import { DATA_CATEGORIES } from '@app/privacy-notice';
import { adviceFor, approvalRequest, categoryNames, controllerNotice, customerNotice, formatTime, type IncidentFacts, noticeSubject } from './incident-texts';

const incident: IncidentFacts = {
  id: '6f1c1f59-5d2a-4d59-9a55-0b5c4f2b8e10',
  title: 'Invoice archive exposed',
  whatHappened: { fi: 'Laskuarkisto oli luettavissa.', en: 'The invoice archive was readable.' },
  occurredAt: new Date('2026-11-20T08:30:00Z'),
  discoveredAt: new Date('2026-11-21T10:00:00Z'),
  dataCategories: ['email', 'billing_history'],
  countermeasures: { fi: 'Pääsy estettiin.', en: 'Access was blocked.' },
};
const controller = { legalName: 'WellnessRoom Espoo', contactPerson: 'Aleksi Kovács', contactEmail: 'aleksi@wellnessroom.fi', streetAddress: 'Merivirta 5A', postalCode: '02320', city: 'Espoo' };

describe('incident notice texts', () => {
  it('names every data category the register itself keeps (statement section 5), in both languages', () => {
    for (const lang of ['fi', 'en'] as const) {
      const names = categoryNames(DATA_CATEGORIES, lang);
      expect(names).toHaveLength(DATA_CATEGORIES.length);
      for (const name of names) expect(name).toEqual(expect.stringMatching(/\S/));
    }
  });

  it('shows times in Finnish time, saying so', () => {
    expect(formatTime(incident.discoveredAt, 'fi')).toMatch(/^21\.11\.2026.*12[.:]00 \(Suomen aikaa\)$/);
    expect(formatTime(incident.discoveredAt, 'en')).toMatch(/^21 November 2026.*12:00 \(Finnish time\)$/);
  });

  it('lists categories in a stable order, in the reader’s language', () => {
    expect(categoryNames(['billing_history', 'email'], 'fi')).toEqual(['sähköpostiosoite', 'laskutushistoria']);
    expect(categoryNames(['billing_history', 'email'], 'en')).toEqual(['e-mail address', 'billing history']);
  });

  it.each([
    [['email'], 2, false, false],
    [['portal_credentials'], 3, true, false],
    [['billing_history'], 3, false, true],
    [['portal_credentials', 'postal_address'], 4, true, true],
  ] as const)('advises by what was exposed: %j', (categories, count, password, invoices) => {
    for (const lang of ['fi', 'en'] as const) {
      const advice = adviceFor(categories, lang);
      expect(advice).toHaveLength(count);
      expect(advice.some((a) => /salasanasi|password\./i.test(a) && /Vaihda|Change/.test(a))).toBe(password);
      expect(advice.some((a) => /laskujen|invoices/.test(a))).toBe(invoices);
      expect(advice[advice.length - 1]).toMatch(/tietosuoja\.fi/);
    }
  });

  it.each(['fi', 'en'] as const)('tells the customer what happened, which data, what to do and whom to contact (%s)', (lang) => {
    const notice = customerNotice(incident, controller, lang);
    expect(notice.subject).toContain('WellnessRoom Espoo');
    expect(notice.text).toContain(incident.whatHappened[lang]);
    expect(notice.text).not.toContain(incident.whatHappened[lang === 'fi' ? 'en' : 'fi']);
    for (const name of categoryNames(incident.dataCategories, lang)) expect(notice.text).toContain(`- ${name}`);
    for (const advice of adviceFor(incident.dataCategories, lang)) expect(notice.text).toContain(advice);
    expect(notice.text).toContain('aleksi@wellnessroom.fi');
    expect(notice.text).toContain('Merivirta 5A, 02320 Espoo');
    expect(notice.text).toContain(incident.id);
  });

  it.each(['fi', 'en'] as const)('tells the controller of its own 72-hour duty, and that customers are told only with its approval (%s)', (lang) => {
    const notice = controllerNotice(incident, controller, lang);
    expect(notice.text).toContain('Aleksi Kovács');
    expect(notice.text).toMatch(/72 (tunnin|hours)/);
    expect(notice.text).toMatch(/33 (artikla|\))|Article 33/);
    expect(notice.text).toMatch(/hyväksyneet|approved/);
  });

  it.each(['fi', 'en'] as const)('asks the owner to approve by the deadline, saying what happens otherwise (%s)', (lang) => {
    const request = approvalRequest(incident, controller, lang, 42, new Date('2026-11-22T10:00:00Z'));
    expect(request.text).toContain('42');
    expect(request.text).toContain(formatTime(new Date('2026-11-22T10:00:00Z'), lang));
    expect(request.text).toMatch(/ilman hyväksyntäänne|without your approval/);
    expect(noticeSubject('follow_up', controller, lang)).toContain('WellnessRoom Espoo');
  });
});
