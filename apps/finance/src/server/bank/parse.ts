import { createHash } from "node:crypto";
import Papa from "papaparse";
import { Big } from "../money.ts";

/**
 * Bank statement files the seller downloads from their bank: CSV (a header row somewhere near the
 * top, one signed amount column or separate money in / money out columns, dates as YYYY-MM-DD,
 * DD/MM/YYYY or MM/DD/YYYY, amounts with a decimal point or a decimal comma, any delimiter
 * papaparse detects: comma, semicolon, tab) and OFX (1.x SGML, whose leaf elements are not closed, and 2.x XML).
 * Parsing is all or nothing: any bad row makes the whole file an error list naming each row and
 * column, and nothing is saved.
 */

export interface BankLine {
  /** YYYY-MM-DD as the bank booked it. */
  date: string;
  /** Signed decimal string: money in positive. */
  amount: string;
  currency: string;
  description: string;
  fitId: string | null;
  /** 1-based line of the file, for messages. */
  row: number;
}

export interface ParseError {
  row: number | null;
  column: string | null;
  message: string;
}

export type DateFormat = "YMD" | "DMY" | "MDY";

export interface ColumnMapping {
  date: number;
  description: number;
  /** A single signed amount column… */
  amount?: number;
  /** …or money in and money out apart. */
  moneyIn?: number;
  moneyOut?: number;
  currency?: number;
  /** A bank reference that is unique per line, used like OFX's FITID. */
  reference?: number;
}

export interface CsvOptions {
  mapping?: ColumnMapping;
  /** The seller's choice; without it the format is detected over the whole file. */
  dateFormat?: DateFormat;
  /** For files without a currency column. */
  currency: string;
}

export interface CsvResult {
  format: "csv";
  headerRow: number;
  headers: string[];
  mapping: ColumnMapping;
  dateFormat: DateFormat | null;
  /** Formats the file's dates fit, when the seller must choose (every day and month up to 12). */
  dateFormatsPossible: DateFormat[];
  lines: BankLine[];
  errors: ParseError[];
}

export interface OfxResult {
  format: "ofx";
  lines: BankLine[];
  errors: ParseError[];
}

export const MAX_ERRORS = 20;

// ---- amounts -------------------------------------------------------------------------------------

/** "1,234.56" (decimal point) or "1.234,56" (decimal comma: most of continental Europe's banks). */
export type DecimalMark = "." | ",";

/**
 * A bank amount as a decimal string: currency signs, spaces and thousands separators go;
 * "(12.50)", "12.50-" and "12.50 DR" are negative, "CR" positive. Null when it is no amount.
 */
export function parseAmount(text: string, decimal: DecimalMark = "."): string | null {
  let value = text.trim().replace(/[\s\u00a0]/g, "");
  if (value === "") return null;
  let negative = false;
  const suffix = value.match(/(CR|DR)$/i);
  if (suffix) {
    negative = suffix[1]!.toUpperCase() === "DR";
    value = value.slice(0, -2);
  }
  if (/^\(.*\)$/.test(value)) {
    negative = !negative;
    value = value.slice(1, -1);
  }
  if (value.endsWith("-")) {
    negative = !negative;
    value = value.slice(0, -1);
  }
  value = value.replace(/^([+-]?)[^\d+.-]{1,3}/, "$1"); // "£12.00", "-$5", "US$3"
  value = value.replace(/[£$€¥]/g, "").replace(/(EUR|GBP|USD)$/i, "");
  if (decimal === ",") {
    if (!/^[+-]?(\d{1,3}([.']\d{3})+|\d+)(,\d+)?$/.test(value)) return null;
    value = value.replace(/[.']/g, "").replace(",", ".");
  } else {
    if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(value)) return null;
    value = value.replace(/,/g, "");
  }
  const amount = new Big(value);
  return (negative ? amount.times(-1) : amount).toString();
}

/**
 * The decimal mark of a file's amounts: a comma when some amount can only be read with a decimal
 * comma ("12,50", "1.234,56") and none only with a point ("12.50", "1,234.56"). "1,234" alone
 * reads either way and decides nothing; a file of only such amounts keeps the point.
 */
export function detectDecimalMark(values: string[]): DecimalMark {
  let commaOnly = false;
  for (const value of values) {
    if (value.trim() === "") continue;
    const point = parseAmount(value, ".") !== null;
    const comma = parseAmount(value, ",") !== null;
    if (point && !comma) return ".";
    if (comma && !point) commaOnly = true;
  }
  return commaOnly ? "," : ".";
}

// ---- dates ---------------------------------------------------------------------------------------

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/;
const DAY_FIRST_OR_MONTH_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:\s.*)?$/;

export function validDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

/** A date in the given format, as YYYY-MM-DD; null when it is not one. */
export function parseDate(text: string, format: DateFormat): string | null {
  const value = text.trim();
  const iso = value.match(ISO);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (format === "YMD") return null;
  const parts = value.match(DAY_FIRST_OR_MONTH_FIRST);
  if (!parts) return null;
  const [a, b, y] = [Number(parts[1]), Number(parts[2]), fullYear(parts[3]!)];
  return format === "DMY" ? validDate(y, b, a) : validDate(y, a, b);
}

/** The formats every date of the file fits: DD/MM and MM/DD tell apart only by a part above 12. */
export function possibleDateFormats(values: string[]): DateFormat[] {
  const all: DateFormat[] = ["YMD", "DMY", "MDY"];
  return all.filter((format) => values.every((v) => v.trim() === "" || parseDate(v, format) !== null));
}

// ---- CSV -----------------------------------------------------------------------------------------

// English, and the German, French, Spanish and Italian words of the EU markets' bank exports.
const HEADER_WORDS = {
  date: /^(transaction |posting |posted |booking |value )?date$|^date (posted|of transaction)$|^(buchungstag|buchungsdatum|datum|valuta|wertstellung|date d'op[ée]ration|date de valeur|fecha( operaci[óo]n| valor)?|data( operazione| valuta| contabile)?)$/i,
  description:
    /^(description|details|transaction details|narrative|memo|payee|name|particulars|reference|transaction description|verwendungszweck|buchungstext|beschreibung|libell[ée]|concepto|descripci[óo]n|descrizione|causale)$/i,
  amount:
    /^(amount|transaction amount|value|amount \(\w{3}\)|betrag|betrag \(\w{3}\)|umsatz|montant|importe|importo)$/i,
  moneyIn:
    /^(money in|paid in|credit|credits|credit amount|deposits?|in|haben|gutschrift|cr[ée]dit|abono|haber|avere|accrediti)$/i,
  moneyOut:
    /^(money out|paid out|debit|debits|debit amount|withdrawals?|out|soll|lastschrift|d[ée]bit|cargo|debe|dare|addebiti)$/i,
  currency: /^(currency|ccy|currency code|w[äa]hrung|devise|divisa|valuta estera)$/i,
  reference: /^(fitid|transaction id|transaction reference|bank reference|id)$/i,
};

/** The columns a header row names; undefined when it is no header (no date or no amount). */
export function detectMapping(headers: string[]): ColumnMapping | undefined {
  const find = (re: RegExp, skip: number[] = []) =>
    headers.findIndex((h, i) => !skip.includes(i) && re.test(h.trim()));
  const date = find(HEADER_WORDS.date);
  const amount = find(HEADER_WORDS.amount);
  const moneyIn = find(HEADER_WORDS.moneyIn);
  const moneyOut = find(HEADER_WORDS.moneyOut);
  if (date < 0 || (amount < 0 && (moneyIn < 0 || moneyOut < 0))) return undefined;
  let description = find(HEADER_WORDS.description, [date]);
  if (description < 0)
    description = headers.findIndex((_, i) => ![date, amount, moneyIn, moneyOut].includes(i));
  const mapping: ColumnMapping = { date, description };
  if (amount >= 0) mapping.amount = amount;
  else {
    mapping.moneyIn = moneyIn;
    mapping.moneyOut = moneyOut;
  }
  const currency = find(HEADER_WORDS.currency);
  if (currency >= 0) mapping.currency = currency;
  const reference = find(HEADER_WORDS.reference, [description]);
  if (reference >= 0) mapping.reference = reference;
  return mapping;
}

/**
 * A bank CSV. The header is the first of the top 30 rows that names a date and an amount (banks
 * put account details above it); the mapping is the detected one unless the seller corrected it.
 */
export function parseBankCsv(text: string, options: CsvOptions): CsvResult {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false }).data;
  const errors: ParseError[] = [];
  let headerRow = -1;
  let mapping = options.mapping;
  for (let i = 0; i < Math.min(rows.length, 30); i++) {
    const detected = detectMapping(rows[i] ?? []);
    if (detected) {
      headerRow = i;
      mapping ??= detected;
      break;
    }
  }
  const empty = (message: string): CsvResult => ({
    format: "csv",
    headerRow: -1,
    headers: [],
    mapping: mapping ?? { date: 0, description: 1, amount: 2 },
    dateFormat: null,
    dateFormatsPossible: [],
    lines: [],
    errors: [{ row: null, column: null, message }],
  });
  if (headerRow < 0) {
    return empty(
      "No header row found in the first 30 rows: the file needs columns like Date, Description and Amount (or Money in and Money out).",
    );
  }
  mapping ??= { date: 0, description: 1, amount: 2 };
  const headers = (rows[headerRow] ?? []).map((h) => h.trim());
  const name = (index: number | undefined) =>
    index === undefined ? null : (headers[index] ?? `column ${index + 1}`);
  for (const [role, index] of Object.entries(mapping)) {
    if (index !== undefined && (index < 0 || index >= headers.length)) {
      return empty(
        `The ${role} column (${index + 1}) is not in the file, which has ${headers.length} columns.`,
      );
    }
  }
  if (mapping.amount === undefined && (mapping.moneyIn === undefined || mapping.moneyOut === undefined)) {
    return empty("Choose an amount column, or both a money in and a money out column.");
  }
  const body = rows
    .map((cells, i) => ({ cells, row: i + 1 }))
    .slice(headerRow + 1)
    .filter(({ cells }) => cells.some((c) => c.trim() !== ""));
  const dateValues = body.map(({ cells }) => cells[mapping.date] ?? "");
  const amountColumns = [mapping.amount, mapping.moneyIn, mapping.moneyOut].filter((i) => i !== undefined);
  const decimal = detectDecimalMark(body.flatMap(({ cells }) => amountColumns.map((i) => cells[i] ?? "")));
  const possible = possibleDateFormats(dateValues);
  const lines: BankLine[] = [];
  // ISO dates fit every format; one format left is the file's; two left (no day above 12 anywhere)
  // is the seller's choice; none left means some rows are bad: the format most rows fit is taken
  // and the others are reported.
  let format: DateFormat | null = options.dateFormat ?? null;
  if (!format) {
    if (possible.length === 3) format = "YMD";
    else if (possible.length === 1) format = possible[0]!;
    else if (possible.length === 0) {
      const fits = (f: DateFormat) => dateValues.filter((v) => parseDate(v, f) !== null).length;
      format = (["YMD", "DMY", "MDY"] as const).reduce((a, b) => (fits(b) > fits(a) ? b : a));
    } else {
      errors.push({
        row: null,
        column: name(mapping.date),
        message:
          "The dates could be day/month or month/day (no day above 12 in the file): choose the date format.",
      });
    }
  }
  for (const { cells, row } of body) {
    if (errors.length >= MAX_ERRORS) break;
    const cell = (index: number | undefined) => (index === undefined ? "" : (cells[index] ?? "").trim());
    const fail = (index: number | undefined, message: string) =>
      errors.push({ row, column: name(index), message });
    let date: string | null = null;
    if (format) {
      date = parseDate(cell(mapping.date), format);
      if (!date) {
        fail(
          mapping.date,
          `"${cell(mapping.date)}" is not a date in the ${format === "YMD" ? "YYYY-MM-DD" : format === "DMY" ? "DD/MM/YYYY" : "MM/DD/YYYY"} format.`,
        );
      }
    }
    let amount: string | null = null;
    if (mapping.amount !== undefined) {
      amount = parseAmount(cell(mapping.amount), decimal);
      if (amount === null) fail(mapping.amount, `"${cell(mapping.amount)}" is not an amount.`);
    } else {
      const inText = cell(mapping.moneyIn);
      const outText = cell(mapping.moneyOut);
      const moneyIn = inText === "" ? null : parseAmount(inText, decimal);
      const moneyOut = outText === "" ? null : parseAmount(outText, decimal);
      if (inText !== "" && moneyIn === null) fail(mapping.moneyIn, `"${inText}" is not an amount.`);
      else if (outText !== "" && moneyOut === null) fail(mapping.moneyOut, `"${outText}" is not an amount.`);
      else if (moneyIn === null && moneyOut === null)
        fail(mapping.moneyIn, "Neither money in nor money out has an amount.");
      else {
        // Money out is sometimes written negative, sometimes not: it always leaves the account.
        amount = new Big(moneyIn ?? "0")
          .abs()
          .minus(new Big(moneyOut ?? "0").abs())
          .toString();
      }
    }
    const currency = mapping.currency !== undefined ? cell(mapping.currency).toUpperCase() : options.currency;
    if (!/^[A-Z]{3}$/.test(currency)) fail(mapping.currency, `"${currency}" is not a currency code.`);
    if (date && amount !== null) {
      const reference = cell(mapping.reference);
      lines.push({
        date,
        amount,
        currency,
        description: cell(mapping.description),
        fitId: reference === "" ? null : reference,
        row,
      });
    }
  }
  if (body.length === 0)
    errors.push({ row: null, column: null, message: "The file has no lines below its header." });
  return {
    format: "csv",
    headerRow: headerRow + 1,
    headers,
    mapping,
    dateFormat: format,
    dateFormatsPossible: possible.length === 3 ? ["YMD"] : possible,
    lines: errors.length > 0 ? [] : lines,
    errors,
  };
}

// ---- OFX -----------------------------------------------------------------------------------------

export function isOfx(text: string): boolean {
  return /OFXHEADER|<OFX>/i.test(text.slice(0, 2000));
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
/** XML/SGML character references and the usual entities, decoded. */
export const decode = (value: string) =>
  value.replace(/&(#\d+|\w+);/g, (all, name: string) =>
    name.startsWith("#") ? String.fromCharCode(Number(name.slice(1))) : (entities[name.toLowerCase()] ?? all),
  );

/** A leaf element's value: SGML leaves run to the next tag or line end, XML ones to their end tag. */
function leaf(block: string, tag: string): string | null {
  const match = block.match(new RegExp(`<${tag}>([^<\\r\\n]*)`, "i"));
  return match ? decode(match[1]!.trim()) : null;
}

export function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** An OFX file (1.x SGML or 2.x XML): every STMTTRN of every bank or card statement in it. */
export function parseOfx(text: string): OfxResult {
  const errors: ParseError[] = [];
  const lines: BankLine[] = [];
  const statementRe = /<(STMTRS|CCSTMTRS)>([\s\S]*?)<\/\1>/gi;
  const statements = [...text.matchAll(statementRe)];
  if (statements.length === 0) {
    const open = /<(STMTRS|CCSTMTRS)>/i.exec(text);
    return {
      format: "ofx",
      lines: [],
      errors: [
        open
          ? { row: lineOf(text, open.index), column: open[1]!, message: `<${open[1]}> is never closed.` }
          : { row: null, column: null, message: "No bank statement (STMTRS) in this OFX file." },
      ],
    };
  }
  for (const statement of statements) {
    const blockStart = statement.index! + statement[1]!.length + 2;
    const block = statement[2]!;
    const currency = leaf(block, "CURDEF");
    if (!currency || !/^[A-Z]{3}$/i.test(currency)) {
      errors.push({
        row: lineOf(text, statement.index!),
        column: "CURDEF",
        message: currency
          ? `"${currency}" is not a currency code.`
          : "The statement has no CURDEF (currency).",
      });
      continue;
    }
    const opens = [...block.matchAll(/<STMTTRN>/gi)].length;
    const transactions = [...block.matchAll(/<STMTTRN>([\s\S]*?)<\/STMTTRN>/gi)];
    if (transactions.length !== opens) {
      const unclosed = /<STMTTRN>(?![\s\S]*?<\/STMTTRN>)/i.exec(block);
      errors.push({
        row: lineOf(text, blockStart + (unclosed?.index ?? 0)),
        column: "STMTTRN",
        message: "A <STMTTRN> is never closed.",
      });
      continue;
    }
    for (const trn of transactions) {
      if (errors.length >= MAX_ERRORS) break;
      const row = lineOf(text, blockStart + trn.index!);
      const body = trn[1]!;
      const posted = leaf(body, "DTPOSTED");
      const amountText = leaf(body, "TRNAMT");
      const fitId = leaf(body, "FITID");
      const date = posted?.match(/^(\d{4})(\d{2})(\d{2})/)
        ? validDate(Number(posted.slice(0, 4)), Number(posted.slice(4, 6)), Number(posted.slice(6, 8)))
        : null;
      if (!date) {
        errors.push({
          row,
          column: "DTPOSTED",
          message: posted
            ? `"${posted}" is not an OFX date (YYYYMMDD…).`
            : "The transaction has no DTPOSTED.",
        });
      }
      // Some banks write a decimal comma in OFX amounts.
      const amount = amountText
        ? parseAmount(/^[+-]?\d+,\d+$/.test(amountText) ? amountText.replace(",", ".") : amountText)
        : null;
      if (amount === null) {
        errors.push({
          row,
          column: "TRNAMT",
          message: amountText ? `"${amountText}" is not an amount.` : "The transaction has no TRNAMT.",
        });
      }
      const description = [leaf(body, "NAME"), leaf(body, "MEMO")].filter(Boolean).join(" — ");
      if (date && amount !== null) {
        lines.push({
          date,
          amount,
          currency: currency.toUpperCase(),
          description,
          fitId: fitId || null,
          row,
        });
      }
    }
  }
  if (errors.length === 0 && lines.length === 0) {
    errors.push({ row: null, column: "STMTTRN", message: "The OFX file has no transactions." });
  }
  return { format: "ofx", lines: errors.length > 0 ? [] : lines, errors };
}

// ---- dedupe --------------------------------------------------------------------------------------

/**
 * The key a line is saved under, so importing the same or an overlapping file adds nothing twice:
 * the bank's FITID when it has one, else date, amount, description and the line's ordinal among
 * identical lines of the file (two identical payments on one day stay two).
 */
export function lineKeys(lines: BankLine[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    if (line.fitId) return `fitid:${line.fitId}`;
    const base = `${line.date}|${new Big(line.amount).toFixed(2)}|${line.currency}|${line.description.trim().toLowerCase()}`;
    const ordinal = (seen.get(base) ?? 0) + 1;
    seen.set(base, ordinal);
    return `row:${createHash("sha256").update(`${base}|${ordinal}`).digest("hex").slice(0, 32)}`;
  });
}
