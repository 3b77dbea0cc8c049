// Suomi | English: the console's language, for this browser.
import { ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { isLocale, LOCALES } from '../../i18n/locale';
import { useT } from '../../i18n/use-t';
import { useLocale } from '../providers';
import styles from './LanguageSwitch.module.css';

const NAMES = { fi: 'Suomi', en: 'English' } as const;

export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <ToggleButtonGroup
      aria-label={t('language.label')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[locale]}
      onSelectionChange={(keys: Set<Key>) => {
        const [next] = keys;
        if (isLocale(next)) setLocale(next);
      }}
      className={styles.group}
    >
      {LOCALES.map((code) => (
        <ToggleButton key={code} id={code} lang={code} className={styles.option}>
          {NAMES[code]}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
