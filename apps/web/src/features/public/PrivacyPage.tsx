// /t/:tenant/privacy: the business's privacy statement, as the API builds it from the controller's details and
// the register settings, in Finnish or English (its own switch; the address keeps `?lang=`), printable: print
// CSS leaves only the statement.
import { ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { useLocale } from '../../app/providers';
import langStyles from '../../app/shell/LanguageSwitch.module.css';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { PublicLayout } from './PublicLayout';
import { type NoticeBlock, usePrivacyNotice } from './queries';
import styles from './public.module.css';

const NAMES = { fi: 'Suomeksi', en: 'In English' } as const;

export function PrivacyPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const [search, setSearch] = useSearchParams();
  const { locale } = useLocale();
  const asked = search.get('lang');
  const lang: 'fi' | 'en' = asked === 'fi' || asked === 'en' ? asked : locale;
  const notice = usePrivacyNotice(tenant, lang);

  const languageSwitch = (
    <div className={`${styles.tools} ${styles.noPrint}`}>
      <ToggleButtonGroup
        aria-label={t('privacy.language')}
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[lang]}
        onSelectionChange={(keys: Set<Key>) => {
          const [next] = keys;
          if (next === 'fi' || next === 'en') setSearch({ lang: next }, { replace: true });
        }}
        className={langStyles.group}
      >
        {(['fi', 'en'] as const).map((code) => (
          <ToggleButton key={code} id={code} lang={code} className={langStyles.option}>
            {NAMES[code]}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Button onPress={() => window.print()}>{t('privacy.print')}</Button>
    </div>
  );

  if (notice.isPending) {
    return (
      <PublicLayout>
        <Loading />
      </PublicLayout>
    );
  }
  if (notice.error) {
    const missing = notice.error instanceof ApiError && notice.error.kind === 'not-found';
    return (
      <PublicLayout>
        <PageHeader title={t(missing ? 'privacy.missing.title' : 'privacy.title')} />
        {missing ? <p>{t('privacy.missing.body')}</p> : <ErrorState error={notice.error} onRetry={() => void notice.refetch()} />}
      </PublicLayout>
    );
  }
  const doc = notice.data;
  return (
    <PublicLayout>
      {languageSwitch}
      <article lang={doc.language} className={styles.document}>
        <PageHeader title={doc.title} subtitle={doc.subtitle} />
        <p className={styles.version}>{doc.versionLine}</p>
        {doc.sections.map((section) => (
          <section key={section.key} aria-labelledby={`section-${section.key}`} className={styles.section}>
            <h2 id={`section-${section.key}`}>
              {section.number}. {section.heading}
            </h2>
            {section.blocks.map((block, index) => (
              <Block key={index} block={block} />
            ))}
          </section>
        ))}
      </article>
    </PublicLayout>
  );
}

function Block({ block }: { block: NoticeBlock }) {
  switch (block.kind) {
    case 'paragraph':
      return <p>{block.text}</p>;
    case 'list':
      return (
        <ul>
          {block.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      );
    case 'facts':
      return (
        <dl className={styles.facts}>
          {block.items.map((item) => (
            <div key={item.label} className={styles.fact}>
              <dt>{item.label}</dt>
              <dd>{item.value}</dd>
            </div>
          ))}
        </dl>
      );
  }
}
