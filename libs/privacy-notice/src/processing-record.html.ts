// The record of processing activities as a printable HTML document, in the documents' one layout. Its only
// style is the inline sheet below, allowed by its hash in the response's CSP (the API's default is
// default-src 'none'); no scripts.
import { createHash } from 'node:crypto';
import { renderDocumentHtml } from './document-layout.html';
import type { ProcessingRecord } from './processing-record.document';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:0 auto;padding:1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #888;margin-top:1.5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
@media print{body{max-width:none;font-size:11pt;padding:0}nav{display:none}section{break-inside:avoid}a{color:inherit;text-decoration:none}}`;

/** The Content-Security-Policy of the record's page: nothing but its own style sheet. */
export const PROCESSING_RECORD_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

export function renderProcessingRecordHtml(record: ProcessingRecord, query = ''): string {
  return renderDocumentHtml(record, { query, style: STYLE });
}
