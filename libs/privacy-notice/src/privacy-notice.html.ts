// The privacy statement as a complete HTML document, in the documents' one layout: no styles (the API's CSP is
// default-src 'none').
import type { PrivacyNotice } from './privacy-notice.document';
import { renderDocumentHtml } from './document-layout.html';

export function renderPrivacyNoticeHtml(notice: PrivacyNotice): string {
  return renderDocumentHtml(notice);
}
