import { describe, expect, it } from "vitest";
import { isCamt053, parseCamt053 } from "../src/server/bank/camt.ts";
import { type LineToMatch, matchPayouts, type PayoutToMatch } from "../src/server/bank/match.ts";
import {
  detectDecimalMark,
  isOfx,
  lineKeys,
  parseAmount,
  parseBankCsv,
  parseDate,
  parseOfx,
} from "../src/server/bank/parse.ts";

describe("bank amounts and dates", () => {
  it("reads signs, symbols, thousands and DR/CR", () => {
    expect(parseAmount("1,234.56")).toBe("1234.56");
    expect(parseAmount("-£12.00")).toBe("-12");
    expect(parseAmount("(7.50)")).toBe("-7.5");
    expect(parseAmount("7.50-")).toBe("-7.5");
    expect(parseAmount("3.00 DR")).toBe("-3");
    expect(parseAmount("$3.00")).toBe("3");
    expect(parseAmount("12,34")).toBeNull();
    expect(parseAmount("abc")).toBeNull();
  });

  it("reads the three date formats and refuses impossible dates", () => {
    expect(parseDate("2026-11-03", "DMY")).toBe("2026-11-03");
    expect(parseDate("03/11/2026", "DMY")).toBe("2026-11-03");
    expect(parseDate("11/03/2026", "MDY")).toBe("2026-11-03");
    expect(parseDate("31/02/2026", "DMY")).toBeNull();
    expect(parseDate("03/11/2026", "YMD")).toBeNull();
  });
});

describe("bank CSV", () => {
  it("finds the header below the bank's preamble and reads a signed amount column", () => {
    const csv = [
      "Account,12345678",
      "Sort code,12-34-56",
      "",
      "Date,Description,Amount,Balance",
      '2026-11-03,TIKTOK SHOP PAYOUT,"1,021.40",5000.00',
      "2026-11-04,Coffee,-3.20,4996.80",
    ].join("\n");
    const result = parseBankCsv(csv, { currency: "GBP" });
    expect(result.errors).toEqual([]);
    expect(result.headerRow).toBe(4);
    expect(result.mapping).toMatchObject({ date: 0, description: 1, amount: 2 });
    expect(result.lines.map((l) => [l.date, l.amount, l.currency, l.description, l.row])).toEqual([
      ["2026-11-03", "1021.4", "GBP", "TIKTOK SHOP PAYOUT", 5],
      ["2026-11-04", "-3.2", "GBP", "Coffee", 6],
    ]);
  });

  it("reads a German export: semicolons, DD.MM.YYYY, decimal commas with thousands points", () => {
    const csv = [
      "Kontoinhaber;Muster GmbH",
      "IBAN;DE89370400440532013000",
      "",
      "Buchungstag;Valuta;Verwendungszweck;Betrag;Währung",
      "03.11.2026;03.11.2026;TIKTOK SHOP PAYOUT 7301;1.021,40;EUR",
      "04.11.2026;04.11.2026;Kaffee;-3,20;EUR",
      "13.11.2026;13.11.2026;Miete;-1.250,00;EUR",
    ].join("\n");
    const result = parseBankCsv(csv, { currency: "GBP" });
    expect(result.errors).toEqual([]);
    expect(result.mapping).toMatchObject({ date: 0, description: 2, amount: 3, currency: 4 });
    expect(result.dateFormat).toBe("DMY");
    expect(result.lines.map((l) => [l.date, l.amount, l.currency, l.description])).toEqual([
      ["2026-11-03", "1021.4", "EUR", "TIKTOK SHOP PAYOUT 7301"],
      ["2026-11-04", "-3.2", "EUR", "Kaffee"],
      ["2026-11-13", "-1250", "EUR", "Miete"],
    ]);
  });

  it("tells a decimal comma from thousands commas over the whole column", () => {
    expect(detectDecimalMark(["1,021", "12,50"])).toBe(",");
    expect(detectDecimalMark(["1,021", "12.50"])).toBe(".");
    expect(detectDecimalMark(["1,021", "2,000"])).toBe(".");
    expect(parseAmount("1.021,40 EUR", ",")).toBe("1021.4");
    expect(parseAmount("1.021,40", ".")).toBeNull();
    expect(parseAmount("12,5", ",")).toBe("12.5");
  });

  it("reads Money in / Money out columns and detects DD/MM/YYYY from a day above 12", () => {
    const csv = [
      "Date,Transaction details,Money in,Money out",
      "03/11/2026,TikTok Shop,100.00,",
      "25/11/2026,Rent,,450.00",
    ].join("\r\n");
    const result = parseBankCsv(csv, { currency: "GBP" });
    expect(result.dateFormat).toBe("DMY");
    expect(result.lines.map((l) => [l.date, l.amount])).toEqual([
      ["2026-11-03", "100"],
      ["2026-11-25", "-450"],
    ]);
  });

  it("detects MM/DD/YYYY, and asks for a choice when every day is 12 or less", () => {
    const us = parseBankCsv("Posting Date,Description,Amount\n11/25/2026,TIKTOK,5.00\n", { currency: "USD" });
    expect(us.dateFormat).toBe("MDY");
    expect(us.lines[0]!.date).toBe("2026-11-25");
    const ambiguous = "Date,Description,Amount\n03/11/2026,TIKTOK,5.00\n04/11/2026,x,1\n";
    const unsure = parseBankCsv(ambiguous, { currency: "USD" });
    expect(unsure.dateFormatsPossible).toEqual(["DMY", "MDY"]);
    expect(unsure.lines).toEqual([]);
    expect(unsure.errors[0]!.message).toMatch(/choose the date format/);
    const chosen = parseBankCsv(ambiguous, { currency: "USD", dateFormat: "MDY" });
    expect(chosen.lines[0]!.date).toBe("2026-03-11");
  });

  it("takes the seller's corrected mapping and a currency column", () => {
    const csv = "When,Payee,Value,Ccy\n2026-11-03,TikTok,9.99,usd\n";
    expect(parseBankCsv(csv, { currency: "GBP" }).errors[0]!.message).toMatch(/No header row/);
    // "Value" is an amount header but "When" is no date header: the seller maps by hand.
    const mapped = parseBankCsv("Date,Payee,Value,Ccy\n2026-11-03,TikTok,9.99,usd\n", {
      currency: "GBP",
      mapping: { date: 0, description: 1, amount: 2, currency: 3 },
    });
    expect(mapped.lines[0]).toMatchObject({ amount: "9.99", currency: "USD", description: "TikTok" });
  });

  it("names the row and column of every bad value, and returns no lines", () => {
    const csv =
      "Date,Description,Amount\n2026-11-03,ok,1.00\n2026-13-01,bad date,2.00\n2026-11-05,bad amount,12x\n";
    const result = parseBankCsv(csv, { currency: "USD" });
    expect(result.lines).toEqual([]);
    expect(result.errors).toEqual([
      { row: 3, column: "Date", message: '"2026-13-01" is not a date in the YYYY-MM-DD format.' },
      { row: 4, column: "Amount", message: '"12x" is not an amount.' },
    ]);
  });
});

const ofxSgml = `OFXHEADER:100
DATA:OFXSGML
VERSION:102

<OFX>
<BANKMSGSRSV1><STMTTRNRS><STMTRS>
<CURDEF>USD
<BANKTRANLIST>
<STMTTRN>
<TRNTYPE>CREDIT
<DTPOSTED>20261103120000[-5:EST]
<TRNAMT>1021.40
<FITID>A1
<NAME>TIKTOK SHOP
<MEMO>Payout &amp; fees
</STMTTRN>
<STMTTRN>
<TRNTYPE>DEBIT
<DTPOSTED>20261104
<TRNAMT>-3.20
<FITID>A2
<NAME>Coffee
</STMTTRN>
</BANKTRANLIST>
</STMTRS></STMTTRNRS></BANKMSGSRSV1>
</OFX>
`;

const ofxXml = `<?xml version="1.0" encoding="UTF-8"?>
<?OFX OFXHEADER="200" VERSION="220"?>
<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>GBP</CURDEF>
<BANKTRANLIST>
<STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20261105</DTPOSTED><TRNAMT>55.10</TRNAMT><FITID>X9</FITID><NAME>TikTok Shop UK</NAME></STMTTRN>
</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;

describe("OFX", () => {
  it("reads 1.x SGML (unclosed leaves) with CURDEF, FITID, NAME and MEMO", () => {
    expect(isOfx(ofxSgml)).toBe(true);
    const result = parseOfx(ofxSgml);
    expect(result.errors).toEqual([]);
    expect(result.lines.map((l) => [l.date, l.amount, l.currency, l.fitId, l.description])).toEqual([
      ["2026-11-03", "1021.4", "USD", "A1", "TIKTOK SHOP — Payout & fees"],
      ["2026-11-04", "-3.2", "USD", "A2", "Coffee"],
    ]);
  });

  it("reads 2.x XML", () => {
    expect(isOfx(ofxXml)).toBe(true);
    expect(parseOfx(ofxXml).lines).toEqual([
      {
        date: "2026-11-05",
        amount: "55.1",
        currency: "GBP",
        description: "TikTok Shop UK",
        fitId: "X9",
        row: 5,
      },
    ]);
  });

  it("names the line and element of a bad transaction, and of a missing currency", () => {
    const bad = ofxSgml.replace("<TRNAMT>-3.20", "<TRNAMT>three");
    const result = parseOfx(bad);
    expect(result.lines).toEqual([]);
    expect(result.errors).toEqual([{ row: 17, column: "TRNAMT", message: '"three" is not an amount.' }]);
    expect(parseOfx(ofxXml.replace("<CURDEF>GBP</CURDEF>", "")).errors[0]).toMatchObject({
      column: "CURDEF",
    });
    expect(
      parseOfx(ofxSgml.replace(/<\/STMTTRN>\n<\/BANKTRANLIST>/, "</BANKTRANLIST>")).errors[0],
    ).toMatchObject({
      column: "STMTTRN",
      message: "A <STMTTRN> is never closed.",
    });
    expect(parseOfx("<OFX></OFX>").errors[0]!.message).toMatch(/No bank statement/);
  });
});

describe("camt.053", () => {
  const entry = (inner: string) => `<Ntry>${inner}</Ntry>`;
  const statement = (entries: string[], prefix = "") =>
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<${prefix}Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><${prefix}BkToCstmrStmt><${prefix}Stmt>`,
      ...entries.map((e) => (prefix ? e.replace(/<(\/?)(\w+)/g, `<$1${prefix}$2`) : e)),
      `</${prefix}Stmt></${prefix}BkToCstmrStmt></${prefix}Document>`,
    ].join("\n");
  const payout = entry(
    '<NtryRef>N1</NtryRef><Amt Ccy="EUR">1021.40</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>' +
      "<BookgDt><Dt>2026-11-03</Dt></BookgDt><ValDt><Dt>2026-11-04</Dt></ValDt><AcctSvcrRef>REF-77</AcctSvcrRef>" +
      '<NtryDtls><TxDtls><Amt Ccy="EUR">1021.40</Amt><RltdPties><Dbtr><Nm>TikTok Shop &amp; Co</Nm></Dbtr></RltdPties>' +
      "<RmtInf><Ustrd>PAYOUT 7301</Ustrd></RmtInf></TxDtls></NtryDtls>",
  );
  const fee = entry(
    '<Amt Ccy="EUR">3.20</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>' +
      "<BookgDt><DtTm>2026-11-04T10:00:00+01:00</DtTm></BookgDt><AddtlNtryInf>Kontoführung</AddtlNtryInf>",
  );
  const pending = entry(
    '<Amt Ccy="EUR">50.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><Dt>2026-11-05</Dt></BookgDt>',
  );

  it("reads booked entries of any version, with or without a namespace prefix; pending ones wait", () => {
    for (const prefix of ["", "ns2:"]) {
      const text = statement([payout, fee, pending], prefix);
      expect(isCamt053(text)).toBe(true);
      const result = parseCamt053(text);
      expect(result.errors).toEqual([]);
      expect(result.lines.map((l) => [l.date, l.amount, l.currency, l.description, l.fitId])).toEqual([
        ["2026-11-03", "1021.4", "EUR", "TikTok Shop & Co — PAYOUT 7301", "REF-77"],
        ["2026-11-04", "-3.2", "EUR", "Kontoführung", null],
      ]);
    }
    expect(isCamt053("Date,Description,Amount")).toBe(false);
  });

  it("names the line and element of a bad entry, and returns no lines", () => {
    const bad = entry(
      '<Amt Ccy="EUR">12,50</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-03</Dt></BookgDt>',
    );
    const noDirection = entry('<Amt Ccy="EUR">1.00</Amt><BookgDt><Dt>2026-11-03</Dt></BookgDt>');
    const result = parseCamt053(statement([payout, bad, noDirection]));
    expect(result.lines).toEqual([]);
    expect(result.errors).toEqual([
      { row: 4, column: "Amt", message: '"12,50" is not an amount.' },
      { row: 5, column: "CdtDbtInd", message: "The entry has no CdtDbtInd." },
    ]);
    expect(parseCamt053(statement([])).errors[0]?.message).toMatch(/No entries/);
  });
});

describe("dedupe keys", () => {
  it("use FITID, else date, amount, description and ordinal, stable across files", () => {
    const line = {
      date: "2026-11-03",
      amount: "5",
      currency: "USD",
      description: "TikTok",
      fitId: null,
      row: 2,
    };
    const once = lineKeys([line, { ...line, row: 3 }]);
    expect(once[0]).not.toBe(once[1]);
    expect(lineKeys([line, { ...line, amount: "5.00" }])).toEqual(once);
    expect(lineKeys([{ ...line, fitId: "F1" }])).toEqual(["fitid:F1"]);
  });
});

describe("matching payouts to deposits", () => {
  const window = { minDays: 0, maxDays: 5 };
  const payout = (id: string, amount: string, paidDay: string): PayoutToMatch => ({
    id,
    status: "PAID",
    amount,
    currency: "USD",
    paidDay,
  });
  const line = (id: string, date: string, amount: string, description = "TIKTOK SHOP"): LineToMatch => ({
    id,
    date,
    amount,
    currency: "USD",
    description,
  });

  it("matches on currency, exact amount and the window; flags what the bank never got", () => {
    const result = matchPayouts(
      [
        payout("P1", "100.00", "2026-11-03"),
        payout("P2", "50.00", "2026-11-03"),
        payout("P3", "20.00", "2026-11-05"),
      ],
      [
        line("L1", "2026-11-04", "100.00"),
        line("L2", "2026-11-04", "49.00"), // altered amount
        line("L0", "2026-11-01", "20.00"), // before the payout
        line("L9", "2026-11-10", "7.00"),
      ],
      [],
      window,
    );
    expect(result.payouts.map((p) => [p.paymentId, p.status, p.bankLineId, p.near])).toEqual([
      ["P1", "matched", "L1", null],
      ["P2", "unmatched", null, "L2"],
      ["P3", "unmatched", null, "L9"], // the closest TikTok amount in its window
    ]);
    expect(result.strayLines).toEqual(["L2", "L0", "L9"]);
  });

  it("prefers a TikTok description, matches one line to one payout, and leaves real ties to the seller", () => {
    const preferred = matchPayouts(
      [payout("P1", "10.00", "2026-11-03")],
      [line("A", "2026-11-03", "10.00", "Refund from shop"), line("B", "2026-11-04", "10.00", "TIKTOK")],
      [],
      window,
    );
    expect(preferred.payouts[0]).toMatchObject({ status: "matched", bankLineId: "B" });

    const oneToOne = matchPayouts(
      [payout("P1", "10.00", "2026-11-01"), payout("P2", "10.00", "2026-11-05")],
      [line("A", "2026-11-02", "10.00"), line("B", "2026-11-07", "10.00")],
      [],
      window,
    );
    // A is P1's only candidate; once taken, B is P2's.
    expect(oneToOne.payouts.map((p) => [p.status, p.bankLineId])).toEqual([
      ["matched", "A"],
      ["matched", "B"],
    ]);

    const tie = matchPayouts(
      [payout("P1", "10.00", "2026-11-03"), payout("P2", "10.00", "2026-11-03")],
      [line("A", "2026-11-04", "10.00"), line("B", "2026-11-05", "10.00")],
      [],
      window,
    );
    expect(tie.payouts.map((p) => [p.status, p.candidates])).toEqual([
      ["ambiguous", ["A", "B"]],
      ["ambiguous", ["A", "B"]],
    ]);
    expect(tie.strayLines).toEqual([]);
  });

  it("keeps the seller's decisions, and says when the file does not reach a payout's window", () => {
    const result = matchPayouts(
      [
        payout("P1", "10.00", "2026-11-03"),
        payout("P2", "10.00", "2026-11-03"),
        payout("P3", "5.00", "2026-12-20"),
      ],
      [line("A", "2026-11-04", "10.00"), line("B", "2026-11-05", "10.00")],
      [
        { paymentId: "P1", bankLineId: "B", source: "manual" },
        { paymentId: "P2", bankLineId: null, source: "manual" },
      ],
      window,
    );
    expect(result.payouts.map((p) => [p.status, p.bankLineId])).toEqual([
      ["confirmed", "B"],
      ["no_deposit", null],
      ["not_covered", null],
    ]);
    expect(result.strayLines).toEqual(["A"]);
  });

  it("ignores other currencies and payouts not paid yet", () => {
    const result = matchPayouts(
      [
        { ...payout("P1", "10.00", "2026-11-03"), currency: "GBP" },
        { ...payout("P2", "10.00", "2026-11-03"), status: "PROCESSING", paidDay: null },
      ],
      [
        line("A", "2026-11-04", "10.00"),
        line("Z", "2026-11-01", "1.00", "x"),
        line("Y", "2026-11-30", "1.00", "x"),
      ],
      [],
      window,
    );
    expect(result.payouts.map((p) => p.status)).toEqual(["unmatched", "not_paid"]);
  });
});
