// From a file's cells to customer fields: which column is which field (the mapping), the value of each cell as
// the register would store it, and what is wrong with a row, field by field.
import type { FieldError } from '@app/core';
import { checkCustomerFields, CUSTOMER_FIELDS, type CustomerFields } from '@app/customers';
import type { Purpose } from '@app/consent';

export const CONSENT_FIELDS = { marketingEmailConsent: 'marketing_email', marketingSmsConsent: 'marketing_sms' } as const satisfies Record<string, Purpose>;
export const IMPORT_FIELDS = [...CUSTOMER_FIELDS, ...(Object.keys(CONSENT_FIELDS) as (keyof typeof CONSENT_FIELDS)[])] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Column name (as in the file's first line) -> the field it fills, or null to leave the column out. */
export type Mapping = Record<string, ImportField | null>;

/** Column names people use for each field (compared folded: lower case, no accents, no spaces or punctuation). */
const ALIASES: Record<ImportField, string[]> = {
  businessId: ['ytunnus', 'businessid', 'yritystunnus', 'vatid'],
  companyName: ['yritys', 'yrityksennimi', 'company', 'companyname', 'toiminimi'],
  contactName: ['nimi', 'name', 'yhteyshenkilo', 'contact', 'contactname', 'asiakas', 'customer'],
  email: ['sahkoposti', 'email', 'sposti', 'emailaddress', 'sahkopostiosoite'],
  phone: ['puhelin', 'puhelinnumero', 'phone', 'puh', 'matkapuhelin', 'gsm', 'mobile', 'phonenumber'],
  streetAddress: ['osoite', 'katuosoite', 'lahiosoite', 'address', 'streetaddress', 'street'],
  postalCode: ['postinumero', 'postalcode', 'zip', 'postcode', 'zipcode'],
  city: ['postitoimipaikka', 'kaupunki', 'kunta', 'city', 'town'],
  country: ['maa', 'country', 'maakoodi'],
  billingFirstName: ['etunimi', 'firstname', 'billingfirstname'],
  billingLastName: ['sukunimi', 'lastname', 'surname', 'billinglastname'],
  marketingEmailConsent: ['markkinointilupa', 'sahkopostimarkkinointi', 'marketingemail', 'marketingemailconsent', 'uutiskirje', 'newsletter'],
  marketingSmsConsent: ['tekstiviestimarkkinointi', 'smsmarkkinointi', 'marketingsms', 'marketingsmsconsent'],
};

export function fold(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A mapping for this header: what the tenant chose last time for a column of that name, else a guess from its name. */
export function suggestMapping(header: string[], remembered: Mapping): Mapping {
  const used = new Set<ImportField>();
  const mapping: Mapping = {};
  for (const name of header) {
    const chosen = Object.hasOwn(remembered, name) ? remembered[name] : undefined;
    const guess = chosen !== undefined ? chosen : IMPORT_FIELDS.find((field) => ALIASES[field].includes(fold(name)));
    mapping[name] = guess && !used.has(guess) ? guess : null;
    if (guess) used.add(guess);
  }
  return mapping;
}

/** What is wrong with a mapping itself: a column the file lacks, a field chosen twice, no column naming anyone. */
export function mappingErrors(header: string[], mapping: Mapping): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<ImportField, string>();
  for (const [column, field] of Object.entries(mapping)) {
    if (!header.includes(column)) errors.push({ field: `mapping.${column}`, message: 'the file has no column of this name' });
    if (field === null) continue;
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) errors.push({ field: `mapping.${column}`, message: 'not a field of a customer' });
    else if (seen.has(field)) errors.push({ field: `mapping.${column}`, message: `"${field}" is already filled from the column "${seen.get(field)}"` });
    else seen.set(field, column);
  }
  if (![...seen.keys()].some((f) => ['companyName', 'contactName', 'billingFirstName', 'billingLastName'].includes(f))) {
    errors.push({ field: 'mapping', message: 'map at least one column to a name: company, contact person, first or last name' });
  }
  return errors;
}

const YES = new Set(['1', 'x', 'k', 'y', 'kylla', 'yes', 'true', 'on', 'ok']);
const NO = new Set(['0', 'e', 'n', 'ei', 'no', 'false', 'off', '-']);

export interface ImportRow {
  line: number;
  /** The mapped cells as written (for the preview), by field. */
  values: Partial<Record<ImportField, string>>;
  data: CustomerFields;
  consents: Purpose[];
  errors: FieldError[];
}

/**
 * One row: cells read through the mapping (an apostrophe our own export put before a formula-like cell is taken
 * off), then checked and normalised by the customer register's own rules.
 */
export function readRow(line: number, cells: string[], header: string[], mapping: Mapping, options: { asNew: boolean }): ImportRow {
  const values: ImportRow['values'] = {};
  for (const [index, column] of header.entries()) {
    const field = mapping[column];
    if (!field) continue;
    const cell = cells[index].replace(/^'(?=[=+\-@\t\r])/, '').trim();
    if (cell !== '') values[field] = cell;
  }
  const input: CustomerFields = {};
  for (const field of CUSTOMER_FIELDS) if (values[field] !== undefined) input[field] = values[field];
  const { data, errors } = checkCustomerFields(input, options);
  const consents: Purpose[] = [];
  for (const [field, purpose] of Object.entries(CONSENT_FIELDS) as [keyof typeof CONSENT_FIELDS, Purpose][]) {
    const value = values[field];
    if (value === undefined) continue;
    if (YES.has(fold(value))) consents.push(purpose);
    else if (!NO.has(fold(value)) && value !== '-') errors.push({ field, message: 'consent must be yes or no (kyllä/ei, 1/0, x or empty)' });
  }
  return { line, values, data, consents, errors };
}
