import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Banner,
  Button,
  Card,
  ErrorState,
  LoadingState,
  PageHeader,
  StatusBadge,
  TextLink,
  useToast,
} from "@tts-kit/ui";
import { useState } from "react";
import {
  ApiError,
  api,
  type BankFile,
  type BankLineView,
  type BankMatchStatus,
  type BankPreview,
  type ColumnMapping,
  type DateFormat,
  type PayoutBankMatch,
} from "../api.ts";
import { dateOf, FileInput, ImportFailure, money } from "../common.tsx";
import type { PageContext } from "../routes.tsx";

export const MATCH_LABELS: Record<
  BankMatchStatus,
  { label: string; tone: "success" | "warning" | "critical" | "neutral" }
> = {
  matched: { label: "In the bank", tone: "success" },
  confirmed: { label: "In the bank (confirmed)", tone: "success" },
  ambiguous: { label: "Choose the bank line", tone: "warning" },
  unmatched: { label: "Not in the bank", tone: "critical" },
  no_deposit: { label: "No deposit (you said)", tone: "critical" },
  not_covered: { label: "Outside the bank file", tone: "neutral" },
  not_paid: { label: "Not paid yet", tone: "neutral" },
  no_bank_data: { label: "No bank file", tone: "neutral" },
};

export function MatchBadge({ status }: { status: BankMatchStatus }) {
  const { label, tone } = MATCH_LABELS[status];
  return <StatusBadge tone={tone}>{label}</StatusBadge>;
}

const lineText = (line: BankLineView) =>
  `${line.date} · ${money(line.amount, line.currency)} · ${line.description || "(no description)"}`;

const DATE_FORMATS: Record<DateFormat, string> = {
  YMD: "YYYY-MM-DD",
  DMY: "DD/MM/YYYY",
  MDY: "MM/DD/YYYY",
};

const ROLES: Array<{ key: keyof ColumnMapping; label: string; optional: boolean }> = [
  { key: "date", label: "Date column", optional: false },
  { key: "description", label: "Description column", optional: false },
  { key: "amount", label: "Amount column", optional: true },
  { key: "moneyIn", label: "Money in column", optional: true },
  { key: "moneyOut", label: "Money out column", optional: true },
  { key: "currency", label: "Currency column", optional: true },
  { key: "reference", label: "Reference column", optional: true },
];

interface Failure {
  message: string;
  fields: Array<{ path: string; message: string }>;
}

const failureOf = (error: Error): Failure => ({
  message: error.message,
  fields:
    error instanceof ApiError
      ? ((error.body as { fields?: Failure["fields"] } | undefined)?.fields ?? [])
      : [],
});

/** Bank deposits: the seller's bank file, and each payout matched to the line that deposited it. */
export function BankPage({ shop, href }: PageContext) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<BankFile | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const matches = useQuery({ queryKey: ["bank", shop.id], queryFn: () => api.bankMatches(shop.id) });
  const preview = useQuery({
    queryKey: ["bank-preview", shop.id, file],
    queryFn: () => api.bankPreview(shop.id, file!),
    enabled: file !== null,
    retry: false,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["bank", shop.id] });
  const importFile = useMutation({
    mutationFn: () => api.bankImport(shop.id, file!),
    onSuccess: async (result) => {
      setFailure(null);
      setFile(null);
      toast.success(
        `Imported ${result.added} new bank line${result.added === 1 ? "" : "s"} (${result.duplicates} already imported)`,
      );
      await refresh();
    },
    onError: (error) => setFailure(failureOf(error)),
  });
  const decide = useMutation({
    mutationFn: (args: { paymentId: string; bankLineId: string | null }) =>
      api.decideMatch(shop.id, args.paymentId, args.bankLineId),
    onSuccess: async () => {
      toast.success("Bank match saved");
      await refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  const clear = useMutation({
    mutationFn: (paymentId: string) => api.clearMatch(shop.id, paymentId),
    onSuccess: async () => {
      toast.success("Back to automatic matching");
      await refresh();
    },
    onError: (error) => toast.error(error.message),
  });

  const field = "rounded-md border border-line-strong bg-surface px-2 py-1";
  const update = (change: Partial<BankFile>) => file && setFile({ ...file, ...change });
  return (
    <>
      <PageHeader
        title="Bank deposits"
        subtitle="Import your bank's statement (CSV, OFX or camt.053) to see that every TikTok Shop payout reached your account."
      />
      <Card title="Import a bank statement" className="mb-4">
        <p className="text-sm text-fg-muted">
          A CSV export with a date, a description and either one signed amount or money in and money out
          columns, or an OFX file. Lines already imported are skipped; if any line is wrong, nothing is
          imported.
        </p>
        <FileInput
          label="Bank statement file (CSV, OFX or camt.053)"
          accept=".csv,.ofx,.qfx,.xml,text/csv,application/xml,text/xml"
          onFile={async (chosen) => {
            setFailure(null);
            setFile({ fileName: chosen.name, content: await chosen.text() });
          }}
        />
        {file ? (
          <FilePreview
            file={file}
            preview={preview.data}
            error={preview.error}
            onChange={update}
            field={field}
          />
        ) : null}
        {file && preview.data && preview.data.errors.length === 0 ? (
          <Button className="mt-3" isPending={importFile.isPending} onPress={() => importFile.mutate()}>
            {`Import ${preview.data.lineCount} bank line${preview.data.lineCount === 1 ? "" : "s"}`}
          </Button>
        ) : null}
        {failure ? (
          <ImportFailure
            message={failure.message}
            // The first problem is the message itself; a list only when there are more.
            problems={failure.fields.length > 1 ? failure.fields.map((f) => `${f.path}: ${f.message}`) : []}
          />
        ) : null}
      </Card>
      {matches.isPending ? (
        <LoadingState label="Matching payouts to the bank" />
      ) : matches.error ? (
        <ErrorState
          title="Could not match payouts"
          message={matches.error.message}
          onRetry={() => matches.refetch()}
        />
      ) : (
        <>
          <p className="mb-2 text-sm text-fg-muted">
            {matches.data.coverage
              ? `${matches.data.bankLines} bank lines from ${matches.data.coverage.from} to ${matches.data.coverage.to}. `
              : "No bank lines imported yet. "}
            A payout matches a bank line in its currency for exactly its deposit, booked{" "}
            {matches.data.window.minDays} to {matches.data.window.maxDays} days after it was paid (change the
            window in Accounting › Settings).
          </p>
          <table className="w-full text-sm" aria-label="Payout deposits">
            <thead>
              <tr className="text-left text-fg-muted">
                <th scope="col">Payout</th>
                <th scope="col">Paid</th>
                <th scope="col" className="text-right">
                  Deposit
                </th>
                <th scope="col">Bank</th>
                <th scope="col">Bank line</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {matches.data.payouts.map((p) => (
                <PayoutRow
                  key={p.paymentId}
                  payout={p}
                  href={href}
                  stray={matches.data.strayLines}
                  onDecide={(bankLineId) => decide.mutate({ paymentId: p.paymentId, bankLineId })}
                  onClear={() => clear.mutate(p.paymentId)}
                />
              ))}
            </tbody>
          </table>
          <h2 className="mt-6 mb-2 text-lg font-semibold">TikTok deposits that match no payout</h2>
          {matches.data.strayLines.length === 0 ? (
            <p className="text-sm text-fg-muted">None.</p>
          ) : (
            <ul className="list-disc pl-5 text-sm" aria-label="TikTok deposits that match no payout">
              {matches.data.strayLines.map((line) => (
                <li key={line.id}>{lineText(line)}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

function FilePreview({
  file,
  preview,
  error,
  onChange,
  field,
}: {
  file: BankFile;
  preview: BankPreview | undefined;
  error: Error | null;
  onChange: (change: Partial<BankFile>) => void;
  field: string;
}) {
  if (error)
    return (
      <p role="alert" className="mt-2 text-sm text-critical-fg">
        {error.message}
      </p>
    );
  if (!preview) return <LoadingState label="Reading the file" />;
  const mapping = file.mapping ?? preview.mapping;
  return (
    <div className="mt-3 space-y-3">
      <p className="text-sm">
        {preview.format === "ofx"
          ? `OFX file: ${preview.lineCount} lines.`
          : preview.format === "camt"
            ? `ISO 20022 statement (camt.053): ${preview.lineCount} booked entries.`
            : `CSV file, header on row ${preview.headerRow}: ${preview.lineCount} lines.`}
      </p>
      {preview.format === "csv" && preview.headers && mapping ? (
        <div className="flex flex-wrap gap-3">
          <div className="flex flex-col text-sm font-medium">
            <label htmlFor="bank-currency">Account currency</label>
            <input
              id="bank-currency"
              className={`${field} w-24 uppercase`}
              maxLength={3}
              value={file.currency ?? ""}
              placeholder="auto"
              onChange={(e) => {
                const value = e.target.value.toUpperCase();
                if (value === "") onChange({ currency: undefined });
                else if (value.length === 3) onChange({ currency: value });
              }}
            />
          </div>
          <div className="flex flex-col text-sm font-medium">
            <label htmlFor="bank-date-format">Date format</label>
            <select
              id="bank-date-format"
              className={field}
              value={file.dateFormat ?? ""}
              onChange={(e) =>
                onChange({ dateFormat: (e.target.value || undefined) as DateFormat | undefined })
              }
            >
              <option value="">{`Detect${preview.dateFormat ? ` (${DATE_FORMATS[preview.dateFormat]})` : ""}`}</option>
              {Object.entries(DATE_FORMATS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          {ROLES.map((role) => (
            <div key={role.key} className="flex flex-col text-sm font-medium">
              <label htmlFor={`bank-col-${role.key}`}>{role.label}</label>
              <select
                id={`bank-col-${role.key}`}
                className={field}
                value={mapping[role.key] ?? ""}
                onChange={(e) => {
                  const next: ColumnMapping = { ...mapping };
                  if (e.target.value === "") delete next[role.key];
                  else next[role.key] = Number(e.target.value);
                  onChange({ mapping: next });
                }}
              >
                {role.optional ? <option value="">(none)</option> : null}
                {[...preview.headers!.entries()].map(([index, header]) => (
                  <option key={index} value={index}>
                    {header || `Column ${index + 1}`}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      ) : null}
      {preview.errors.length > 0 ? (
        <Banner tone="critical" title="This file cannot be imported yet" role="alert">
          <ul className="list-disc pl-5">
            {preview.errors.map((e) => (
              <li key={`${e.row}-${e.column}-${e.message}`}>
                {[e.row !== null ? `Row ${e.row}` : null, e.column ? `column ${e.column}` : null]
                  .filter(Boolean)
                  .join(", ")}
                {e.row !== null || e.column ? ": " : ""}
                {e.message}
              </li>
            ))}
          </ul>
        </Banner>
      ) : (
        <table className="w-full text-sm" aria-label="Preview of the bank lines">
          <thead>
            <tr className="text-left text-fg-muted">
              <th scope="col">Row</th>
              <th scope="col">Date</th>
              <th scope="col">Description</th>
              <th scope="col" className="text-right">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((line) => (
              <tr key={line.row} className="border-t border-line">
                <td>{line.row}</td>
                <td>{line.date}</td>
                <td>{line.description}</td>
                <td className="text-right">{money(line.amount, line.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function PayoutRow({
  payout,
  href,
  stray,
  onDecide,
  onClear,
}: {
  payout: PayoutBankMatch;
  href: (path: string) => string;
  stray: BankLineView[];
  onDecide: (bankLineId: string | null) => void;
  onClear: () => void;
}) {
  const [choice, setChoice] = useState("");
  const options = [
    ...payout.candidates,
    ...(payout.near ? [payout.near] : []),
    ...stray.filter((l) => l.currency === payout.currency),
  ].filter((line, i, all) => all.findIndex((l) => l.id === line.id) === i);
  const decided = payout.match === "confirmed" || payout.match === "no_deposit";
  return (
    <tr className="border-t border-line align-top">
      <td className="py-1">
        <TextLink href={href(`/payouts/${payout.paymentId}`)} className="font-mono">
          {payout.paymentId}
        </TextLink>
      </td>
      <td>{dateOf(payout.paidTime)}</td>
      <td className="text-right">{money(payout.amount, payout.currency)}</td>
      <td>
        <MatchBadge status={payout.match} />
      </td>
      <td>
        {payout.bankLine ? lineText(payout.bankLine) : null}
        {payout.match === "unmatched" ? (
          <span>
            {`TikTok paid ${money(payout.amount, payout.currency)} on ${dateOf(payout.paidTime)}; no bank line has it.`}
            {payout.near ? ` Closest TikTok deposit: ${lineText(payout.near)}.` : ""}
          </span>
        ) : null}
        {payout.match === "ambiguous" ? `${payout.candidates.length} bank lines fit.` : null}
      </td>
      <td className="whitespace-nowrap">
        {payout.match === "matched" && payout.bankLine ? (
          <Button size="sm" variant="secondary" onPress={() => onDecide(payout.bankLine!.id)}>
            Confirm
          </Button>
        ) : null}
        {options.length > 0 && (payout.match === "ambiguous" || payout.match === "unmatched") ? (
          <span className="inline-flex gap-1">
            <select
              aria-label={`Bank line for payout ${payout.paymentId}`}
              className="rounded-md border border-line-strong bg-surface px-1 py-0.5"
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
            >
              <option value="">Choose…</option>
              {options.map((line) => (
                <option key={line.id} value={line.id}>
                  {lineText(line)}
                </option>
              ))}
            </select>
            <Button size="sm" variant="secondary" isDisabled={!choice} onPress={() => onDecide(choice)}>
              Match
            </Button>
          </span>
        ) : null}
        {payout.match === "unmatched" ? (
          <Button size="sm" variant="secondary" onPress={() => onDecide(null)}>
            Mark as not deposited
          </Button>
        ) : null}
        {decided ? (
          <Button size="sm" variant="secondary" onPress={onClear}>
            Undo
          </Button>
        ) : null}
      </td>
    </tr>
  );
}
