// The one page layout of the register's public documents (the privacy statement, the record of processing
// activities): plain semantic markup, no scripts, every piece of text escaped; a style sheet only where the
// document brings one (its CSP allows it by hash).
import { assertUnreachable, html, type SafeHtml } from '@app/core';
import type { NoticeBlock } from './privacy-notice.document';
import type { Lang } from './register-settings.types';

const OTHER_LANGUAGE = { fi: { lang: 'en', label: 'In English' }, en: { lang: 'fi', label: 'Suomeksi' } } as const;

/** What a document page shows: a header, then numbered sections of blocks. */
export interface DocumentPage {
  language: Lang;
  title: string;
  subtitle: string;
  versionLine: string;
  sections: readonly { key: string; number: number; heading: string; blocks: readonly NoticeBlock[] }[];
}

/** One block of a statement or a record as markup. */
export function renderBlock(b: NoticeBlock): SafeHtml {
  switch (b.kind) {
    case 'paragraph':
      return html`<p>${b.text}</p>\n`;
    case 'list':
      return html`<ul>\n${b.items.map((item) => html`<li>${item}</li>\n`)}</ul>\n`;
    case 'facts':
      return html`<dl>\n${b.items.map((f) => html`<dt>${f.label}</dt><dd>${f.value}</dd>\n`)}</dl>\n`;
    default:
      return assertUnreachable(b);
  }
}

/**
 * The complete HTML document. `query` is the page's own query string: the link to the other language keeps it
 * and changes only `lang`. `style` is the document's inline style sheet, if any.
 */
export function renderDocumentHtml(page: DocumentPage, options: { query?: string; style?: string } = {}): string {
  const other = OTHER_LANGUAGE[page.language];
  const params = new URLSearchParams(options.query ?? '');
  params.set('lang', other.lang);
  const sections = page.sections.map((s) => html`<section id="${s.key}">\n<h2>${s.number}. ${s.heading}</h2>\n${s.blocks.map(renderBlock)}</section>\n`);
  const style = options.style ? html`<style>${options.style}</style>\n` : html``;
  return html`<!DOCTYPE html>
<html lang="${page.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
${style}</head>
<body>
<header>
<h1>${page.title}</h1>
<p>${page.subtitle}</p>
<p>${page.versionLine}</p>
<nav><a href="?${params.toString()}" hreflang="${other.lang}" lang="${other.lang}">${other.label}</a></nav>
</header>
<main>
${sections}</main>
</body>
</html>
`.toString();
}
