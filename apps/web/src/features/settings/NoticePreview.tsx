// The privacy statement as the public reads it, rendered from its structured JSON: numbered sections of
// paragraphs, bulleted lists and label–value facts, in its own language (`lang`), never raw JSON.
import type { PrivacyNotice } from './queries';
import styles from './settings.module.css';

/** `draft`: rendered from unsaved edits (the preview), marked so that it is never taken for the published one. */
export function NoticeDocument({ notice, draft = false }: { notice: PrivacyNotice; draft?: boolean }) {
  return (
    <article lang={notice.language} className={draft ? `${styles.notice} ${styles.draft}` : styles.notice} data-draft={draft || undefined}>
      <h3 className={styles.noticeTitle}>{notice.title}</h3>
      <p className={styles.noticeMeta}>{notice.subtitle}</p>
      <p className={styles.noticeMeta} data-testid={`${draft ? 'draft' : 'notice'}-version-${notice.language}`}>
        {notice.versionLine}
      </p>
      {notice.sections.map((section) => (
        <section key={section.key} aria-labelledby={`notice-${notice.language}-${section.key}`}>
          <h4 id={`notice-${notice.language}-${section.key}`} className={styles.noticeHeading}>
            {section.number}. {section.heading}
          </h4>
          {section.blocks.map((block, index) => {
            if (block.kind === 'paragraph') return <p key={index}>{block.text}</p>;
            if (block.kind === 'list') {
              return (
                <ul key={index}>
                  {block.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              );
            }
            return (
              <dl key={index} className={styles.facts}>
                {block.items.map((fact) => (
                  <div key={fact.label}>
                    <dt>{fact.label}</dt>
                    <dd>{fact.value}</dd>
                  </div>
                ))}
              </dl>
            );
          })}
        </section>
      ))}
    </article>
  );
}
