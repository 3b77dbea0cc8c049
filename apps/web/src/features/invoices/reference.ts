// Reference numbers as printed on Finnish invoices, so a payer can copy them without miscounting digits.

/** A Finnish reference number in groups of five from the right: 1234561 is printed "12 34561". */
export function groupReference(reference: string): string {
  const digits = reference.replace(/\s/g, '');
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 5) groups.unshift(digits.slice(Math.max(0, end - 5), end));
  return groups.join(' ');
}

/** An RF creditor reference (ISO 11649) in groups of four from the left: "RF33 2348 236". */
export function groupRf(reference: string): string {
  return reference.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
