import { asLang, noticeCounts } from './incident-views';

describe('notice counts', () => {
  it('adds up rows by kind and derives what is still pending', () => {
    expect(
      noticeCounts([
        { kind: 'initial', queued: 10, delivered: 7, failed: 1 },
        { kind: 'initial', queued: 5, delivered: 5, failed: 0 },
        { kind: 'follow_up', queued: 4, delivered: 0, failed: 0 },
      ]),
    ).toEqual({ initial: { queued: 15, delivered: 12, failed: 1, pending: 2 }, followUp: { queued: 4, delivered: 0, failed: 0, pending: 4 } });
  });

  it('is all zeros before anything is sent', () => {
    expect(noticeCounts([])).toEqual({ initial: { queued: 0, delivered: 0, failed: 0, pending: 0 }, followUp: { queued: 0, delivered: 0, failed: 0, pending: 0 } });
  });

  it.each([
    ['fi', 'fi'],
    ['en', 'en'],
    ['sv', 'fi'],
  ])('reads tenant language %s as %s', (language, lang) => expect(asLang(language)).toBe(lang));
});
