// Language: react-intl for the catalogs, React Aria's I18nProvider for its own texts and formats; the page's
// `lang` follows the choice. Finnish, the default, is in the first load; English loads when it is chosen.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { I18nProvider } from 'react-aria-components';
import { IntlProvider } from 'react-intl';
import fi from '../i18n/fi.json';
import { DEFAULT_LOCALE, type Locale, storedLocale, storeLocale } from '../i18n/locale';

type Messages = Record<string, string>;

const CATALOGS: Record<Locale, () => Promise<Messages>> = {
  fi: () => Promise.resolve(fi),
  en: () => import('../i18n/en.json').then((m) => m.default),
};
const ARIA_LOCALES: Record<Locale, string> = { fi: 'fi-FI', en: 'en-GB' };

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

const LocaleContext = createContext<LocaleState>({ locale: DEFAULT_LOCALE, setLocale: () => undefined });

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState<Locale>(storedLocale);
  // The language shown: the one wanted once its catalog is here (until then the previous one, or nothing at all).
  const [shown, setShown] = useState<{ locale: Locale; messages: Messages } | null>(() => (wanted === 'fi' ? { locale: 'fi', messages: fi } : null));
  useEffect(() => {
    if (shown?.locale === wanted) return;
    let current = true;
    CATALOGS[wanted]().then(
      (messages) => current && setShown({ locale: wanted, messages }),
      // Its file did not load (a lost connection): stay in the language on screen, or the default.
      () => current && setWanted(shown?.locale ?? DEFAULT_LOCALE),
    );
    return () => {
      current = false;
    };
  }, [wanted, shown]);
  useEffect(() => {
    if (shown) document.documentElement.lang = shown.locale;
  }, [shown]);
  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setWanted(next);
  }, []);
  const locale = shown?.locale ?? DEFAULT_LOCALE;
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  if (!shown) return null;
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={shown.locale} defaultLocale={DEFAULT_LOCALE} messages={shown.messages}>
        <I18nProvider locale={ARIA_LOCALES[shown.locale]}>{children}</I18nProvider>
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
