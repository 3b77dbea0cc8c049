// Free texts that contradict what the settings and the system say. The statement's cookie section states
// that the system sets one cookie, the session cookie, and nothing for analytics or advertising; an owner's
// text that mentions analytics, marketing or third-party cookies (or tracking tools) would contradict it.
// A sentence that denies them ("we do not use analytics cookies") is no contradiction.
import type { Lang, RegisterSettingsSnapshot, SettingsWarning } from './register-settings.types';

/** Words and names that mean cookies or tracking beyond the necessary session cookie. */
const TRACKING_TERMS: Record<Lang, RegExp> = {
  fi: /\b(analytiikka\p{L}*|kävijäseurann\p{L}*|seurantaeväst\p{L}*|markkinointieväst\p{L}*|mainoseväst\p{L}*|kohdennettu\p{L}*\s+mainon\p{L}*|uudelleenmarkkinoin\p{L}*|kolmannen\s+osapuolen\s+eväst\p{L}*|google\s+analytics|google\s+ads|facebook[-\s]pikseli\p{L}*|meta[-\s]pikseli\p{L}*|pikseli\p{L}*|hotjar|matomo)/giu,
  en: /\b(analytics(?:\s+cookies?)?|tracking\s+cookies?|marketing\s+cookies?|advertising\s+cookies?|targeting\s+cookies?|third[-\s]party\s+cookies?|retargeting|remarketing|google\s+analytics|google\s+ads|facebook\s+pixel|meta\s+pixel|tracking\s+pixels?|hotjar|matomo)\b/giu,
};

/** A sentence that says "not": Finnish "ei/emme/eivät/eikä", English "not/no/never/don't". */
const NEGATION: Record<Lang, RegExp> = {
  fi: /(^|[^\p{L}])(ei|emme|eivät|eikä|en|älä)(?![\p{L}])/iu,
  en: /\b(not|no|never|neither|nor|don't|doesn't|without)\b/iu,
};

const MESSAGE: Record<Lang, (terms: string[]) => string> = {
  fi: (terms) =>
    `Evästeteksti mainitsee ${terms.map((t) => `"${t}"`).join(', ')}, mutta järjestelmä käyttää vain välttämätöntä istuntoevästettä: seloste sanoisi ristiriitaisia asioita.`,
  en: (terms) =>
    `The cookie text mentions ${terms.map((t) => `"${t}"`).join(', ')}, but the system uses only the necessary session cookie: the statement would contradict itself.`,
};

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?;])\s+|\n+/u).filter((s) => s.trim().length > 0);
}

/** The tracking terms a text affirms (in sentences without a negation), each once, as written. */
export function affirmedTrackingTerms(text: string, lang: Lang): string[] {
  const found = new Map<string, string>();
  for (const sentence of sentences(text)) {
    if (NEGATION[lang].test(sentence)) continue;
    for (const match of sentence.matchAll(TRACKING_TERMS[lang])) {
      const term = match[1].replace(/\s+/gu, ' ');
      if (!found.has(term.toLowerCase())) found.set(term.toLowerCase(), term);
    }
  }
  return [...found.values()];
}

/** Warnings about the settings as they are (or would be): never a reason to refuse them. */
export function settingsWarnings(settings: Pick<RegisterSettingsSnapshot, 'cookies'>): SettingsWarning[] {
  const warnings: SettingsWarning[] = [];
  for (const lang of ['fi', 'en'] as const) {
    const terms = affirmedTrackingTerms(settings.cookies[lang], lang);
    if (terms.length) warnings.push({ code: 'cookies-contradiction', field: `cookies.${lang}`, terms, message: MESSAGE[lang](terms) });
  }
  return warnings;
}
