import Papa from "papaparse";
import { dec, toAmount } from "../money.ts";
import type { Journal } from "./journal.ts";

/**
 * Journal files. Three layouts:
 *
 * - `csv`: one row per journal line with debit and credit columns and the currency; for any ledger.
 * - `xero`: Xero's manual journal import template (Accounting › Manual Journals › Import): columns
 *   `*Narration, *Date, Description, *AccountCode, *TaxRate, *Amount, TrackingName1, TrackingOption1`,
 *   date dd/mm/yyyy, a positive amount is a debit and a negative one a credit, rows with the same
 *   narration and date form one journal, at most 300 lines per file. Manual journals are in the
 *   organisation's base currency, so other currencies are converted at rates the seller gives.
 *   The shop goes into tracking category "Shop".
 * - `qbo`: QuickBooks Online's journal entry import (Settings › Import data › Journal Entries):
 *   `Journal No, Journal Date, Account Name, Debits, Credits, Description, Name, Currency Code`,
 *   date MM/DD/YYYY, account names as in the chart of accounts (QuickBooks matches names, not
 *   numbers), rows with the same journal number form one entry. Currency Code is for companies with
 *   Multicurrency on; QuickBooks' import maps columns by hand and it can be left unmapped otherwise.
 */

export type ExportFormat = "csv" | "xero" | "qbo";

export const XERO_MAX_LINES = 300;

function dayParts(journal: Journal) {
  const [y, m, d] = journal.day.split("-") as [string, string, string];
  return { y, m, d };
}

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading quote;
 * a signed amount ("-95.00") is a number, not a formula, and stays as it is.
 */
export const FORMULA = /^(?![+-]?\d+(\.\d+)?$)[=+\-@\t\r]/;

export function csv(rows: Array<Array<string>>): string {
  // CRLF, as spreadsheet programs and both importers expect; every field quoted only when needed.
  return `${Papa.unparse(rows, { newline: "\r\n", quotes: false, escapeFormulae: FORMULA })}\r\n`;
}

export function toGenericCsv(journals: Journal[]): string {
  const rows = [
    [
      "Journal",
      "Date",
      "Shop",
      "Kind",
      "Narration",
      "Account Code",
      "Account Name",
      "Description",
      "Debit",
      "Credit",
      "Currency",
    ],
  ];
  for (const journal of journals) {
    for (const line of journal.lines) {
      const amount = dec(line.amount);
      rows.push([
        journal.reference,
        journal.day,
        journal.shopName,
        journal.kind,
        journal.narration,
        line.accountCode,
        line.accountName,
        line.description,
        amount.gt(0) ? line.amount : "",
        amount.lt(0) ? toAmount(amount.abs(), journal.currency) : "",
        journal.currency,
      ]);
    }
  }
  return csv(rows);
}

export function toQuickBooksCsv(journals: Journal[]): string {
  const rows = [
    [
      "Journal No",
      "Journal Date",
      "Account Name",
      "Debits",
      "Credits",
      "Description",
      "Name",
      "Currency Code",
    ],
  ];
  for (const journal of journals) {
    const { y, m, d } = dayParts(journal);
    for (const line of journal.lines) {
      const amount = dec(line.amount);
      rows.push([
        journal.reference,
        `${m}/${d}/${y}`,
        line.accountName,
        amount.gt(0) ? line.amount : "",
        amount.lt(0) ? toAmount(amount.abs(), journal.currency) : "",
        `${journal.narration}: ${line.description}`,
        "TikTok Shop",
        journal.currency,
      ]);
    }
  }
  return csv(rows);
}

/** Xero rows; journals must already be in the base currency (see `convertJournals`). */
export function toXeroCsv(journals: Journal[]): string {
  const rows = [
    [
      "*Narration",
      "*Date",
      "Description",
      "*AccountCode",
      "*TaxRate",
      "*Amount",
      "TrackingName1",
      "TrackingOption1",
    ],
  ];
  for (const journal of journals) {
    const { y, m, d } = dayParts(journal);
    for (const line of journal.lines) {
      rows.push([
        `${journal.reference} ${journal.narration}`,
        `${d}/${m}/${y}`,
        line.description,
        line.accountCode,
        line.taxRate,
        line.amount,
        "Shop",
        journal.shopName,
      ]);
    }
  }
  return csv(rows);
}

/** Splits journals into files of at most `maxLines` lines, never splitting a journal. */
export function splitIntoParts(journals: Journal[], maxLines: number): Journal[][] {
  const parts: Journal[][] = [];
  let current: Journal[] = [];
  let lines = 0;
  for (const journal of journals) {
    if (current.length > 0 && lines + journal.lines.length > maxLines) {
      parts.push(current);
      current = [];
      lines = 0;
    }
    current.push(journal);
    lines += journal.lines.length;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
