import { Banner, Button, createTableState, type DataTableState, formatMoney, StatusBadge } from "@tts-kit/ui";
import { type FormEvent, useId, useState } from "react";
import type { Range } from "./api.ts";

/** Money as the seller's locale writes it; a missing amount is a dash. */
export function Money({
  amount,
  currency,
}: {
  amount: string | null | undefined;
  currency: string | null | undefined;
}) {
  if (amount === null || amount === undefined || !currency) return <>—</>;
  return <>{formatMoney(amount, currency)}</>;
}

export const money = (amount: string | null | undefined, currency: string | null | undefined) =>
  amount === null || amount === undefined || !currency ? "—" : formatMoney(amount, currency);

/** The date range in the address bar (`from`, `to`), so a reload or a shared link keeps it. */
export function useRange(): [Partial<Range>, (range: Partial<Range>) => void] {
  const read = () => {
    const params = new URLSearchParams(window.location.search);
    return { from: params.get("from") ?? undefined, to: params.get("to") ?? undefined };
  };
  const [range, setRange] = useState<Partial<Range>>(read);
  return [
    range,
    (next) => {
      const params = new URLSearchParams(window.location.search);
      for (const key of ["from", "to"] as const) {
        const value = next[key];
        if (value) params.set(key, value);
        else params.delete(key);
      }
      window.history.replaceState(window.history.state, "", `${window.location.pathname}?${params}`);
      setRange(next);
    },
  ];
}

/**
 * From and to dates, applied together. The server checks the range (a reversed one is refused
 * with a message); the page shows that message where the dates are.
 */
export function DateRangeBar({
  range,
  applied,
  onApply,
  error,
}: {
  range: Partial<Range>;
  /** The range the server used (defaults filled in). */
  applied: Range | undefined;
  onApply: (range: Partial<Range>) => void;
  error?: string | null;
}) {
  const id = useId();
  const [from, setFrom] = useState(range.from ?? "");
  const [to, setTo] = useState(range.to ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ from: from || undefined, to: to || undefined });
  };
  return (
    <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-3" aria-label="Date range">
      <div className="flex flex-col text-sm">
        <label htmlFor={`${id}-from`} className="font-medium">
          From
        </label>
        <input
          id={`${id}-from`}
          type="date"
          className="rounded-md border border-line-strong bg-surface px-2 py-1"
          value={from || applied?.from || ""}
          onChange={(e) => setFrom(e.target.value)}
        />
      </div>
      <div className="flex flex-col text-sm">
        <label htmlFor={`${id}-to`} className="font-medium">
          To
        </label>
        <input
          id={`${id}-to`}
          type="date"
          className="rounded-md border border-line-strong bg-surface px-2 py-1"
          value={to || applied?.to || ""}
          onChange={(e) => setTo(e.target.value)}
        />
      </div>
      <Button type="submit" variant="secondary">
        Show
      </Button>
      {error ? (
        <div className="w-full">
          <Banner tone="critical" title="These dates cannot be shown">
            {error}
          </Banner>
        </div>
      ) : null}
    </form>
  );
}

export function pageParams(state: DataTableState) {
  const page = state.page.mode === "offset" ? state.page.index + 1 : 1;
  return { page, pageSize: state.page.size };
}

export const newTable = (pageSize = 50) => createTableState({ pageSize, mode: "offset" });

const paymentTones: Record<string, "success" | "warning" | "critical" | "neutral"> = {
  PAID: "success",
  SUCCESS: "success",
  PROCESSING: "warning",
  FAILED: "critical",
};

export function PaymentStatus({ status }: { status: string | null }) {
  if (!status) return <StatusBadge tone="neutral">Not paid yet</StatusBadge>;
  const label = status.charAt(0) + status.slice(1).toLowerCase();
  return <StatusBadge tone={paymentTones[status] ?? "neutral"}>{label}</StatusBadge>;
}

export const dateOf = (unix: number | null | undefined) =>
  unix ? new Date(unix * 1000).toISOString().slice(0, 10) : "—";

/** Human words for an issue kind. */
export const ISSUE_LABELS: Record<string, string> = {
  order_missing: "Delivered order missing from statements",
  statement_total_mismatch: "Statement does not add up",
  statement_payable_mismatch: "Payable is not settlement plus reserve",
  transaction_parts_mismatch: "Transaction parts do not add up",
  payment_reserve_mismatch: "Payment is not settlement plus reserve",
  payment_statements_mismatch: "Payment does not match its statements",
  payment_exchange_mismatch: "Payment exchange does not add up",
  fee_overcharged: "Fee above the expected rate",
  shipping_overcharged: "Shipping above TikTok's estimate",
};

/** A file picker for imports: hands over the chosen file and clears itself, so the same file can be picked again. */
export function FileInput({
  label,
  accept,
  onFile,
}: {
  label: string;
  accept: string;
  onFile: (file: File) => void;
}) {
  return (
    <label className="mt-2 flex flex-col gap-1 text-sm font-medium">
      {label}
      <input
        type="file"
        accept={accept}
        className="text-sm"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) onFile(file);
        }}
      />
    </label>
  );
}

/** A refused import: the reason, and a list of the problems found (row and column) when given. */
export function ImportFailure({ message, problems }: { message: string; problems: readonly string[] }) {
  return (
    <div className="mt-3">
      <Banner tone="critical" title="Nothing was imported" role="alert">
        <p>{message}</p>
        {problems.length > 0 ? (
          <ul className="mt-1 list-disc pl-5">
            {problems.map((problem, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list; two rows may share a message.
              <li key={i}>{problem}</li>
            ))}
          </ul>
        ) : null}
      </Banner>
    </div>
  );
}
