import { BankFileError, parseBankFile, UnknownFormat } from '.';

const record = (fields: string[]) => fields.join('').padEnd(90, ' ');
const header = record(['0', '2612010600', '81', '123456789', '1']);
const payment = (code: '3' | '5', archive: string, reference: string, cents: number, payer = 'MAKSAJA') =>
  record([code, '12345600000785', '261201', '261130', archive.padEnd(16), reference.padStart(20, '0'), payer.padEnd(12), '1', 'A', String(cents).padStart(10, '0'), code === '5' ? '1' : '0', 'A', ' ']);
const trailer = (count: number, sum: number, corrections = 0, correctionSum = 0) =>
  record(['9', String(count).padStart(6, '0'), String(sum).padStart(11, '0'), String(corrections).padStart(6, '0'), String(correctionSum).padStart(11, '0')]);

describe('the reference payment file', () => {
  it('reads payments and corrections with their lines, dates, references and cents', () => {
    const file = [header, payment('3', 'A1', '1234561', 7530), payment('5', 'A2', '1234561', 100), trailer(1, 7530, 1, 100)].join('\n');
    expect(parseBankFile(Buffer.from(file))).toEqual({
      format: 'ktl',
      skipped: 0,
      entries: [
        { line: 2, archiveId: 'A1', amountCents: 7530, currency: 'EUR', bookedOn: '2026-12-01', reference: '1234561', payerName: 'MAKSAJA', correction: false },
        { line: 3, archiveId: 'A2', amountCents: 100, currency: 'EUR', bookedOn: '2026-12-01', reference: '1234561', payerName: 'MAKSAJA', correction: true },
      ],
    });
  });

  it.each([
    ['an unknown record type', [header, 'X'.padEnd(90), trailer(0, 0)], 2],
    ['a record too long', [header, payment('3', 'A1', '13', 1) + 'x', trailer(1, 1)], 2],
    ['a day that does not exist', [header, payment('3', 'A1', '13', 1).replace('261201', '261232'), trailer(1, 1)], 2],
    ['a trailer that does not add up', [header, payment('3', 'A1', '13', 1), trailer(1, 2)], 3],
    ['no trailer', [header, payment('3', 'A1', '13', 1)], 2],
    ['a payment outside a batch', [payment('3', 'A1', '13', 1)], null],
  ])('refuses %s, naming the line', (_what, lines, line) => {
    const read = () => parseBankFile(Buffer.from(lines.join('\n')));
    if (line === null) return expect(read).toThrow(UnknownFormat);
    expect(read).toThrow(BankFileError);
    expect(read).toThrow(new RegExp(`^Line ${line}`));
  });
});

describe('camt.054', () => {
  const doc = (entries: string) =>
    `<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><Ntfctn>${entries}</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;

  it('reads version 08 (status as a code, the debtor as a party) and a single entry without transactions', () => {
    const file = doc(`
<Ntry><Amt Ccy="EUR">75.3</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><DtTm>2026-12-01T10:00:00+02:00</DtTm></BookgDt><AcctSvcrRef>E1</AcctSvcrRef>
<NtryDtls><TxDtls><Refs><AcctSvcrRef>T1</AcctSvcrRef></Refs><Amt Ccy="EUR">75.30</Amt><RltdPties><Dbtr><Pty><Nm>Kovács &amp; Co</Nm></Pty></Dbtr></RltdPties>
<RmtInf><Strd><CdtrRefInf><Ref>RF33 2348 236</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>
<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><Dt>2026-12-01</Dt></BookgDt><AcctSvcrRef>E2</AcctSvcrRef></Ntry>
<Ntry><Amt Ccy="EUR">2.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-01</Dt></BookgDt><AcctSvcrRef>E3</AcctSvcrRef></Ntry>`);
    const read = parseBankFile(Buffer.from(file));
    expect(read.skipped).toBe(1);
    expect(read.entries).toEqual([
      { line: 4, archiveId: 'T1', amountCents: 7530, currency: 'EUR', bookedOn: '2026-12-01', reference: 'RF33 2348 236', payerName: 'Kovács & Co', correction: false },
      { line: 7, archiveId: 'E3', amountCents: 200, currency: 'EUR', bookedOn: '2026-12-01', reference: null, payerName: null, correction: true },
    ]);
  });

  it.each([
    ['an amount with three decimals', '<Ntry><Amt Ccy="EUR">1.005</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-12-01</Dt></BookgDt><AcctSvcrRef>E</AcctSvcrRef></Ntry>'],
    ['a missing booking date', '<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><AcctSvcrRef>E</AcctSvcrRef></Ntry>'],
    ['an entry nobody can tell apart', '<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-12-01</Dt></BookgDt></Ntry>'],
  ])('refuses %s', (_what, entry) => {
    expect(() => parseBankFile(Buffer.from(doc(`\n${entry}`)))).toThrow(/^Line 3: /);
  });
});
