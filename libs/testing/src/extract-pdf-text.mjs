// The text of a PDF on standard input, as a reader extracts it (pdf.js), page by page, on standard output.
// Run in its own process: pdf.js is an ES module only, and importing it inside Jest's module sandbox tied it to
// whichever test file imported it first.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), useSystemFonts: false, disableFontFace: true }).promise;
const pages = [];
for (let i = 1; i <= pdf.numPages; i++) {
  const content = await (await pdf.getPage(i)).getTextContent();
  pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
}
await pdf.destroy();
process.stdout.write(pages.join('\n').replace(/[ \t]+/g, ' '));
