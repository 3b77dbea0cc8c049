// Language: react-intl for the catalogs, React Aria's I18nProvider for its own texts and formats; the page's
// `lang` follows the choice.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { I18nProvider } from 'react-aria-components';
import { IntlProvider } from 'react-intl';
import en from '../i18n/en.json';
import fi from '../i18n/fi.json';
import { DEFAULT_LOCALE, type Locale, storedLocale, storeLocale } from '../i18n/locale';

const CATALOGS: Record<Locale, Record<string, string>> = { fi, en };
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
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} defaultLocale={DEFAULT_LOCALE} messages={CATALOGS[locale]}>
        <I18nProvider locale={ARIA_LOCALES[locale]}>{children}</I18nProvider>
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
