// The invoice as a PDF a person can pay: the seller and its account, the buyer, the lines, VAT per rate,
// totals, due date, both reference forms, and the bank barcode as text and as Code 128 (what the Finnish
// banks' barcode guide asks of a printed invoice). Finnish or English. Pure: data in, bytes out.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import bwipjs from 'bwip-js';
import { friendlyFormatIBAN } from 'ibantools';
import type { PartySnapshot } from './invoice.entity';
import { formatVirtualBarcode } from './barcode';

export type DocumentLang = 'fi' | 'en';

/**
 * DejaVu Sans (Debian's fonts-dejavu-core, which fontconfig brings) is embedded when the machine has it, so
 * any name prints (Łukasz, Nguyễn); otherwise the PDF standard fonts, which hold Latin-1 only.
 */
const DEJAVU = '/usr/share/fonts/truetype/dejavu/';
const EMBEDDED = existsSync(`${DEJAVU}DejaVuSans.ttf`) && existsSync(`${DEJAVU}DejaVuSans-Bold.ttf`);
const REGULAR = EMBEDDED ? `${DEJAVU}DejaVuSans.ttf` : 'Helvetica';
const BOLD = EMBEDDED ? `${DEJAVU}DejaVuSans-Bold.ttf` : 'Helvetica-Bold';

export interface InvoiceDocument {
  lang: DocumentLang;
  kind: 'invoice' | 'credit_note';
  number: number;
  issueDate: string;
  dueDate: string | null;
  paymentTermDays: number;
  referenceNumber: string | null;
  rfReference: string | null;
  creditedInvoiceNumber: number | null;
  seller: PartySnapshot;
  iban: string | null;
  bic: string | null;
  buyer: PartySnapshot;
  lines: { description: string; quantity: number; unitPriceCents: number; vatRate: number; netCents: number }[];
  byRate: { vatRate: number; netCents: number; vatCents: number; grossCents: number }[];
  netCents: number;
  vatCents: number;
  grossCents: number;
  paidCents: number;
  /** What is still to pay; the barcode carries this. */
  outstandingCents: number;
  /** The 54 digits, or null when nothing is to be paid. */
  barcode: string | null;
  notes: string | null;
}

export const PDF_TEXTS = {
  fi: {
    invoice: 'LASKU',
    creditNote: 'HYVITYSLASKU',
    number: 'Laskun numero',
    credits: 'Hyvittää laskun',
    issueDate: 'Laskun päivämäärä',
    dueDate: 'Eräpäivä',
    terms: (days: number) => `${days} pv netto`,
    termsLabel: 'Maksuehto',
    reference: 'Viitenumero',
    rfReference: 'RF-viite',
    seller: 'Myyjä',
    buyer: 'Ostaja',
    businessId: 'Y-tunnus',
    description: 'Kuvaus',
    quantity: 'Määrä',
    unitPrice: 'À-hinta',
    vatRate: 'ALV %',
    net: 'Veroton',
    vatBreakdown: 'ALV-erittely',
    vatAmount: 'Vero',
    gross: 'Verollinen',
    vatOf: (rate: string) => `ALV ${rate} %`,
    netTotal: 'Veroton yhteensä',
    vatTotal: 'ALV yhteensä',
    total: 'Yhteensä',
    paid: 'Maksettu',
    toPay: 'Maksettava',
    recipient: 'Saaja',
    iban: 'Saajan tilinumero (IBAN)',
    bic: 'BIC',
    barcode: 'Virtuaaliviivakoodi',
    notes: 'Lisätiedot',
    nothingToPay: 'Ei maksettavaa.',
  },
  en: {
    invoice: 'INVOICE',
    creditNote: 'CREDIT NOTE',
    number: 'Invoice number',
    credits: 'Credits invoice',
    issueDate: 'Invoice date',
    dueDate: 'Due date',
    terms: (days: number) => `${days} days net`,
    termsLabel: 'Payment terms',
    reference: 'Reference number',
    rfReference: 'RF reference',
    seller: 'Seller',
    buyer: 'Buyer',
    businessId: 'Business ID',
    description: 'Description',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    vatRate: 'VAT %',
    net: 'Net',
    vatBreakdown: 'VAT by rate',
    vatAmount: 'VAT',
    gross: 'Gross',
    vatOf: (rate: string) => `VAT ${rate} %`,
    netTotal: 'Total excluding VAT',
    vatTotal: 'Total VAT',
    total: 'Total',
    paid: 'Paid',
    toPay: 'Amount due',
    recipient: 'Payee',
    iban: "Payee's account (IBAN)",
    bic: 'BIC',
    barcode: 'Virtual bank barcode',
    notes: 'Notes',
    nothingToPay: 'Nothing to pay.',
  },
} as const;

/** 123456 cents as "1 234,56 €" (fi) or "€1,234.56" (en). */
export function formatEuros(cents: number, lang: DocumentLang): string {
  return new Intl.NumberFormat(lang === 'fi' ? 'fi-FI' : 'en-IE', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/\u00a0|\u202f/g, ' ');
}

/** 2026-03-01 as "1.3.2026" (fi) or "1 March 2026"-free ISO (en): dates on invoices are read by banks' payers in both. */
export function formatDate(date: string, lang: DocumentLang): string {
  const [y, m, d] = date.split('-').map(Number);
  return lang === 'fi' ? `${d}.${m}.${y}` : date;
}

const formatNumber = (n: number, lang: DocumentLang) => new Intl.NumberFormat(lang === 'fi' ? 'fi-FI' : 'en-IE', { maximumFractionDigits: 3 }).format(n).replace(/\u00a0|\u202f/g, ' ');
/** The Finnish RF / national reference in groups (RF09 8685 1625 9619 897; 86851 62596 19897) as the guide prints them. */
export const groupRf = (rf: string) => rf.replace(/(.{4})(?=.)/g, '$1 ');
export const groupReference = (ref: string) => ref.replace(/(?=(\d{5})+$)/g, ' ').trim();

function address(p: PartySnapshot): string[] {
  return [p.streetAddress, [p.postalCode, p.city].filter(Boolean).join(' '), p.country && p.country !== 'FI' ? p.country : null].filter((x): x is string => !!x);
}

export async function renderInvoicePdf(d: InvoiceDocument): Promise<Buffer> {
  const t = PDF_TEXTS[d.lang];
  const barcodePng = d.barcode ? await bwipjs.toBuffer({ bcid: 'code128', text: d.barcode, scale: 2, height: 13, includetext: false }) : null;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    lang: d.lang,
    info: { Title: `${d.kind === 'invoice' ? t.invoice : t.creditNote} ${d.number}`, Author: d.seller.name, Subject: `${t.number} ${d.number}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = 50;
  const right = 545;
  const euros = (c: number) => formatEuros(c, d.lang);

  // Header: the seller on the left, the document's title and number on the right.
  doc.font(BOLD).fontSize(14).text(d.seller.name, left, 50, { width: 280 });
  doc.font(REGULAR).fontSize(9);
  for (const line of address(d.seller)) doc.text(line, { width: 280 });
  if (d.seller.businessId) doc.text(`${t.businessId} ${d.seller.businessId}`, { width: 280 });
  doc.font(BOLD).fontSize(18).text(d.kind === 'invoice' ? t.invoice : t.creditNote, 340, 50, { width: 205, align: 'right' });

  // Facts on the right, label: value.
  const facts: [string, string][] = [
    [t.number, String(d.number)],
    [t.issueDate, formatDate(d.issueDate, d.lang)],
  ];
  if (d.creditedInvoiceNumber !== null) facts.push([t.credits, String(d.creditedInvoiceNumber)]);
  if (d.kind === 'invoice') {
    if (d.dueDate) facts.push([t.dueDate, formatDate(d.dueDate, d.lang)]);
    facts.push([t.termsLabel, t.terms(d.paymentTermDays)]);
    if (d.referenceNumber) facts.push([t.reference, groupReference(d.referenceNumber)]);
    if (d.rfReference) facts.push([t.rfReference, groupRf(d.rfReference)]);
  }
  let y = 80;
  doc.fontSize(9);
  for (const [label, value] of facts) {
    doc.font(REGULAR).text(label, 340, y, { width: 100 });
    doc.font(BOLD).text(value, 440, y, { width: 105, align: 'right' });
    y += 14;
  }

  // The buyer.
  y = Math.max(y, doc.y) + 20;
  doc.font(REGULAR).fontSize(8).fillColor('#444').text(t.buyer, left, y);
  doc.fillColor('black').font(BOLD).fontSize(10).text(d.buyer.name, left, y + 11, { width: 280 });
  doc.font(REGULAR).fontSize(10);
  for (const line of address(d.buyer)) doc.text(line, { width: 280 });
  if (d.buyer.businessId) doc.text(`${t.businessId} ${d.buyer.businessId}`, { width: 280 });

  // Lines.
  y = doc.y + 24;
  const cols = { description: left, quantity: 290, unitPrice: 345, vatRate: 420, net: 465 };
  const header = (at: number) => {
    doc.font(BOLD).fontSize(9);
    doc.text(t.description, cols.description, at, { width: 235 });
    doc.text(t.quantity, cols.quantity, at, { width: 50, align: 'right' });
    doc.text(t.unitPrice, cols.unitPrice, at, { width: 70, align: 'right' });
    doc.text(t.vatRate, cols.vatRate, at, { width: 40, align: 'right' });
    doc.text(t.net, cols.net, at, { width: 80, align: 'right' });
    doc.moveTo(left, at + 13).lineTo(right, at + 13).lineWidth(0.5).stroke();
    return at + 18;
  };
  y = header(y);
  doc.font(REGULAR).fontSize(9);
  for (const line of d.lines) {
    const height = doc.heightOfString(line.description, { width: 235 });
    if (y + height > 700) {
      doc.addPage();
      y = header(50);
      doc.font(REGULAR).fontSize(9);
    }
    doc.text(line.description, cols.description, y, { width: 235 });
    doc.text(formatNumber(line.quantity, d.lang), cols.quantity, y, { width: 50, align: 'right' });
    doc.text(euros(line.unitPriceCents), cols.unitPrice, y, { width: 70, align: 'right' });
    doc.text(formatNumber(line.vatRate, d.lang), cols.vatRate, y, { width: 40, align: 'right' });
    doc.text(euros(line.netCents), cols.net, y, { width: 80, align: 'right' });
    y += Math.max(height, 11) + 4;
  }
  doc.moveTo(left, y).lineTo(right, y).lineWidth(0.5).stroke();

  // VAT per rate, then the totals.
  y += 8;
  if (y > 600) {
    doc.addPage();
    y = 50;
  }
  const row = (label: string, value: string, bold = false) => {
    doc.font(bold ? BOLD : REGULAR).fontSize(9);
    doc.text(label, 330, y, { width: 120 });
    doc.text(value, 445, y, { width: 100, align: 'right' });
    y += 13;
  };
  // VAT per rate on the left: rate, net, VAT, gross.
  const vatCols = [left, left + 62, left + 118, left + 174];
  doc.font(BOLD).fontSize(8);
  [t.vatBreakdown, t.net, t.vatAmount, t.gross].forEach((label, i) => doc.text(label, vatCols[i], y, { width: i === 0 ? 60 : 54, align: i === 0 ? 'left' : 'right', lineBreak: false }));
  d.byRate.forEach((r, i) => {
    const at = y + 12 * (i + 1);
    doc.font(REGULAR).fontSize(8);
    doc.text(t.vatOf(formatNumber(r.vatRate, d.lang)), vatCols[0], at, { width: 60, lineBreak: false });
    [r.netCents, r.vatCents, r.grossCents].forEach((c, j) => doc.text(euros(c), vatCols[j + 1], at, { width: 54, align: 'right', lineBreak: false }));
  });
  const vatBottom = y + 12 * (d.byRate.length + 1);
  row(t.netTotal, euros(d.netCents));
  row(t.vatTotal, euros(d.vatCents));
  row(`${t.total} (EUR)`, euros(d.grossCents), true);
  if (d.paidCents > 0) row(t.paid, euros(d.paidCents));
  if (d.kind === 'invoice') row(t.toPay, euros(d.outstandingCents), true);
  y = Math.max(y, vatBottom) + 10;

  if (d.notes) {
    doc.font(BOLD).fontSize(9).text(t.notes, left, y);
    doc.font(REGULAR).text(d.notes, left, doc.y, { width: right - left });
    y = doc.y + 10;
  }

  // The payment part at the foot of the page: account, reference, amount, due date, the barcode.
  if (d.kind === 'invoice') {
    if (y > 620) doc.addPage();
    const top = 640;
    doc.moveTo(left, top - 8).lineTo(right, top - 8).dash(3, { space: 3 }).stroke().undash();
    const pay: [string, string][] = [
      [t.recipient, d.seller.name],
      [t.iban, d.iban ? friendlyFormatIBAN(d.iban) ?? d.iban : '—'],
      [t.bic, d.bic ?? '—'],
      [t.reference, d.rfReference && d.referenceNumber ? `${groupReference(d.referenceNumber)} / ${groupRf(d.rfReference)}` : '—'],
      [t.dueDate, d.dueDate ? formatDate(d.dueDate, d.lang) : '—'],
      [t.toPay, euros(d.outstandingCents)],
    ];
    pay.forEach(([label, value], i) => {
      doc.font(REGULAR).fontSize(8).text(label, left, top + i * 12, { width: 140 });
      doc.font(BOLD).fontSize(9).text(value, left + 140, top + i * 12, { width: 355 });
    });
    if (d.barcode && barcodePng) {
      doc.font(REGULAR).fontSize(8).text(`${t.barcode}: ${formatVirtualBarcode(d.barcode)}`, left, top + 78, { width: right - left });
      // The guide: Code 128 (set C), at least 10 mm high, quiet zones of 6.4 mm each side.
      doc.image(barcodePng, left + 18, top + 92, { width: 420, height: 34 });
    } else {
      doc.font(REGULAR).fontSize(8).text(t.nothingToPay, left, top + 78);
    }
  }

  doc.end();
  return done;
}
