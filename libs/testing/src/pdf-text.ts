// A PDF's text as a reader extracts it, for tests that check what a document says (not how it looks).
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export function pdfText(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'extract-pdf-text.mjs')], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin!.end(bytes);
  });
}
