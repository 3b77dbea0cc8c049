// The privacy statement as the public reads it, rendered from its structured JSON: numbered sections of
// paragraphs, bulleted lists and label–value facts, in its own language (`lang`), never raw JSON.
// The record of processing activities (Art. 30) has the same shape and is rendered by the same component.
import type { PrivacyNotice } from './queries';
import styles from './settings.module.css';

/** A statement or a record: a title, its version line and numbered sections of blocks. */
export type DocumentLike = Pick<PrivacyNotice, 'language' | 'title' | 'subtitle' | 'versionLine'> & {
  sections: { number: number; key: string; heading: string; blocks: PrivacyNotice['sections'][number]['blocks'] }[];
};

/**
 * `draft`: rendered from unsaved edits (the preview), marked so that it is never taken for the published one.
 * `kind` names the document in ids and test ids; `level` is its title's heading level (sections one below).
 */
export function NoticeDocument({ notice, draft = false, kind = draft ? 'draft' : 'notice', level = 3 }: { notice: DocumentLike; draft?: boolean; kind?: string; level?: 2 | 3 }) {
  const Title = level === 2 ? 'h2' : 'h3';
  const Heading = level === 2 ? 'h3' : 'h4';
  return (
    <article lang={notice.language} className={draft ? `${styles.notice} ${styles.draft}` : styles.notice} data-draft={draft || undefined}>
      <Title className={styles.noticeTitle}>{notice.title}</Title>
      <p className={styles.noticeMeta}>{notice.subtitle}</p>
      <p className={styles.noticeMeta} data-testid={`${kind}-version-${notice.language}`}>
        {notice.versionLine}
      </p>
      {notice.sections.map((section) => (
        <section key={section.key} aria-labelledby={`${kind}-${notice.language}-${section.key}`}>
          <Heading id={`${kind}-${notice.language}-${section.key}`} className={styles.noticeHeading}>
            {section.number}. {section.heading}
          </Heading>
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
