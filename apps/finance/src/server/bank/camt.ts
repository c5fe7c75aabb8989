import { Big } from "../money.ts";
import { type BankLine, decode, lineOf, MAX_ERRORS, type ParseError, validDate } from "./parse.ts";

/**
 * ISO 20022 bank statements (camt.053, "BankToCustomerStatement"), which banks in the EU markets
 * export next to (or instead of) CSV. Every version has the same entry shape, so the reader keys on
 * element names (with or without a namespace prefix) rather than one version's schema:
 *
 *   <Ntry> <Amt Ccy="EUR">1021.40</Amt> <CdtDbtInd>CRDT</CdtDbtInd> <Sts>BOOK</Sts>
 *          <BookgDt><Dt>2026-11-03</Dt></BookgDt> <AcctSvcrRef>…</AcctSvcrRef>
 *          <NtryDtls><TxDtls><RmtInf><Ustrd>…</Ustrd></RmtInf></TxDtls></NtryDtls> </Ntry>
 *
 * Only booked entries count (a pending one, `PDNG`, may still change); the bank's reference
 * (AcctSvcrRef, else NtryRef) plays FITID's part in deduplication.
 */
export interface CamtResult {
  format: "camt";
  lines: BankLine[];
  errors: ParseError[];
}

export function isCamt053(text: string): boolean {
  return /camt\.053|<(\w+:)?BkToCstmrStmt>/.test(text.slice(0, 4000));
}

/** The first element `tag` in `block`: its attributes and text (without nested elements). */
function element(block: string, tag: string): { attributes: string; text: string } | null {
  const match = block.match(new RegExp(`<(?:\\w+:)?${tag}(\\s[^>]*)?>([^<]*)<\\/(?:\\w+:)?${tag}>`));
  return match ? { attributes: match[1] ?? "", text: decode(match[2]!.trim()) } : null;
}

/** The text of the first `tag` inside the first `parent`. */
function within(block: string, parent: string, tag: string): string | null {
  const inner = block.match(new RegExp(`<(?:\\w+:)?${parent}[\\s>][\\s\\S]*?<\\/(?:\\w+:)?${parent}>`));
  return inner ? (element(inner[0], tag)?.text ?? null) : null;
}

export function parseCamt053(text: string): CamtResult {
  const errors: ParseError[] = [];
  const lines: BankLine[] = [];
  const entries = [...text.matchAll(/<(?:\w+:)?Ntry>([\s\S]*?)<\/(?:\w+:)?Ntry>/g)];
  if (entries.length === 0) {
    return {
      format: "camt",
      lines,
      errors: [{ row: null, column: null, message: "No entries (Ntry) in this camt.053 statement." }],
    };
  }
  for (const entry of entries) {
    if (errors.length >= MAX_ERRORS) break;
    const row = lineOf(text, entry.index!);
    // The entry's own elements come before its details (NtryDtls), which repeat Amt per transaction.
    const body = entry[1]!.split(/<(?:\w+:)?NtryDtls>/)[0]!;
    const details = entry[1]!.slice(body.length);
    // <Sts>BOOK</Sts> up to version 7, <Sts><Cd>BOOK</Cd></Sts> from 8.
    const status = element(body, "Sts")?.text || within(body, "Sts", "Cd") || "BOOK";
    if (status !== "BOOK") continue;
    const amount = element(body, "Amt");
    const currency = amount?.attributes.match(/Ccy="([A-Za-z]{3})"/)?.[1]?.toUpperCase();
    const direction = element(body, "CdtDbtInd")?.text;
    const dateText =
      within(body, "BookgDt", "Dt") ?? within(body, "BookgDt", "DtTm") ?? within(body, "ValDt", "Dt");
    const date = dateText?.match(/^(\d{4})-(\d{2})-(\d{2})/)
      ? validDate(Number(dateText.slice(0, 4)), Number(dateText.slice(5, 7)), Number(dateText.slice(8, 10)))
      : null;
    const fail = (column: string, message: string) => errors.push({ row, column, message });
    if (!amount || !/^\d+(\.\d+)?$/.test(amount.text)) {
      fail("Amt", amount ? `"${amount.text}" is not an amount.` : "The entry has no Amt.");
      continue;
    }
    if (!currency) {
      fail("Amt", "The entry's amount has no currency (Ccy).");
      continue;
    }
    if (direction !== "CRDT" && direction !== "DBIT") {
      fail(
        "CdtDbtInd",
        direction ? `"${direction}" is neither CRDT nor DBIT.` : "The entry has no CdtDbtInd.",
      );
      continue;
    }
    if (!date) {
      fail(
        "BookgDt",
        dateText ? `"${dateText}" is not a date (YYYY-MM-DD).` : "The entry has no booking date.",
      );
      continue;
    }
    const remittance = [...details.matchAll(/<(?:\w+:)?Ustrd>([^<]*)<\/(?:\w+:)?Ustrd>/g)].map((m) =>
      decode(m[1]!.trim()),
    );
    const counterparty = within(details, direction === "CRDT" ? "Dbtr" : "Cdtr", "Nm");
    const description =
      [counterparty, ...remittance].filter(Boolean).join(" — ") || element(body, "AddtlNtryInf")?.text || "";
    lines.push({
      date,
      amount: (direction === "DBIT" ? new Big(amount.text).times(-1) : new Big(amount.text)).toString(),
      currency,
      description,
      fitId: element(body, "AcctSvcrRef")?.text || element(body, "NtryRef")?.text || null,
      row,
    });
  }
  return { format: "camt", lines: errors.length > 0 ? [] : lines, errors };
}
