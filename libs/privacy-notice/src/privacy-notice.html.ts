// The privacy statement as a complete HTML document: plain semantic markup, no scripts, no styles
// (the API's CSP is default-src 'none'), every piece of text escaped.
import { assertUnreachable } from '@app/core';
import { html, type SafeHtml } from '@app/core';
import type { NoticeBlock, PrivacyNotice } from './privacy-notice.document';

const OTHER_LANGUAGE = { fi: { lang: 'en', label: 'In English' }, en: { lang: 'fi', label: 'Suomeksi' } } as const;

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

export function renderPrivacyNoticeHtml(notice: PrivacyNotice): string {
  const other = OTHER_LANGUAGE[notice.language];
  const sections = notice.sections.map(
    (s) => html`<section id="${s.key}">\n<h2>${s.number}. ${s.heading}</h2>\n${s.blocks.map(renderBlock)}</section>\n`,
  );
  return html`<!DOCTYPE html>
<html lang="${notice.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${notice.title}</title>
</head>
<body>
<header>
<h1>${notice.title}</h1>
<p>${notice.subtitle}</p>
<p>${notice.versionLine}</p>
<nav><a href="?lang=${other.lang}" hreflang="${other.lang}" lang="${other.lang}">${other.label}</a></nav>
</header>
<main>
${sections}</main>
</body>
</html>
`.toString();
}
