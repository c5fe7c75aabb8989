import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Banner, Button, Card, ErrorState, LoadingState, PageHeader, Tabs, useToast } from "@tts-kit/ui";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import {
  api,
  type ExportParams,
  exportQuery,
  type Journal,
  type LedgerAccount,
  type SellerSettings,
  type ShopSettings,
} from "../api.ts";
import { dateOf, money } from "../common.tsx";
import type { PageContext } from "../routes.tsx";

const FORMATS = {
  csv: "CSV (any ledger)",
  xero: "Xero manual journals",
  qbo: "QuickBooks Online journal entries",
};
const KINDS = {
  statement: "One journal per statement",
  payment: "One journal per payout",
  accrual: "Month-end accrual",
};
const XERO_MAX_LINES = 300;

/** How many files Xero's 300-line limit makes of these journals (journals are never split). */
function xeroParts(journals: Journal[]): number {
  let parts = journals.length > 0 ? 1 : 0;
  let lines = 0;
  for (const journal of journals) {
    if (lines > 0 && lines + journal.lines.length > XERO_MAX_LINES) {
      parts++;
      lines = 0;
    }
    lines += journal.lines.length;
  }
  return parts;
}

/** ACC-R1 to ACC-R6: journals for the seller's accounting software, and where each line is posted. */
export function AccountingPage(context: PageContext) {
  const [tab, setTab] = useState("export");
  return (
    <>
      <PageHeader
        title="Accounting"
        subtitle="Journals of your TikTok Shop money for Xero, QuickBooks Online or any ledger, posted to your accounts."
      />
      <Tabs
        aria-label="Accounting"
        selectedId={tab}
        onSelectionChange={setTab}
        items={[
          { id: "export", label: "Export journals", content: <ExportJournals {...context} /> },
          { id: "mapping", label: "Account mapping", content: <Mapping /> },
          { id: "accounts", label: "Chart of accounts", content: <Accounts /> },
          { id: "settings", label: "Settings", content: <Settings {...context} /> },
        ]}
      />
    </>
  );
}

function ExportJournals({ shop, shops }: PageContext) {
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
  const [form, setForm] = useState<ExportParams>({
    shops: [shop.id],
    by: "statement",
    format: "csv",
    from: monthAgo,
    to: today,
    month: today.slice(0, 7),
  });
  const [rates, setRates] = useState<Record<string, string>>({});
  const [params, setParams] = useState<ExportParams | null>(null);
  const preview = useQuery({
    queryKey: ["journals", params],
    queryFn: () => api.journals(params!),
    enabled: params !== null,
    retry: false,
  });
  const currencies = useMemo(
    () => [
      ...new Set(
        (preview.data?.journals ?? []).map((j) => j.narration.match(/\((\w{3}) at/)?.[1] ?? j.currency),
      ),
    ],
    [preview.data],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = Object.fromEntries(Object.entries(rates).filter(([, v]) => v.trim() !== ""));
    setParams({ ...form, rates: clean, ...(form.base ? {} : {}) });
  };
  const parts = params?.format === "xero" ? xeroParts(preview.data?.journals ?? []) : 1;
  const field = "rounded-md border border-line-strong bg-surface px-2 py-1";
  return (
    <form onSubmit={submit} className="mt-3 space-y-4" aria-label="Export journals">
      <Card title="What to export">
        <div className="grid gap-4 md:grid-cols-2">
          <fieldset>
            <legend className="text-sm font-medium">Shops</legend>
            {shops.map((s) => (
              <label key={s.id} className="mr-4 inline-flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={form.shops.includes(s.id)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      shops: e.target.checked
                        ? [...form.shops, s.id]
                        : form.shops.filter((id) => id !== s.id),
                    })
                  }
                />
                {s.name}
              </label>
            ))}
          </fieldset>
          <div className="flex flex-col text-sm font-medium">
            <label htmlFor="export-kind">Journals</label>
            <select
              id="export-kind"
              className={field}
              value={form.by}
              onChange={(e) => setForm({ ...form, by: e.target.value as ExportParams["by"] })}
            >
              {Object.entries(KINDS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          {form.by === "accrual" ? (
            <div className="flex flex-col text-sm font-medium">
              <label htmlFor="export-month">Month</label>
              <input
                id="export-month"
                className={field}
                type="month"
                value={form.month}
                onChange={(e) => setForm({ ...form, month: e.target.value })}
              />
            </div>
          ) : (
            <div className="flex gap-3">
              <div className="flex flex-col text-sm font-medium">
                <label htmlFor="export-from">From</label>
                <input
                  id="export-from"
                  className={field}
                  type="date"
                  value={form.from}
                  onChange={(e) => setForm({ ...form, from: e.target.value })}
                />
              </div>
              <div className="flex flex-col text-sm font-medium">
                <label htmlFor="export-to">To</label>
                <input
                  id="export-to"
                  className={field}
                  type="date"
                  value={form.to}
                  onChange={(e) => setForm({ ...form, to: e.target.value })}
                />
              </div>
            </div>
          )}
          <div className="flex flex-col text-sm font-medium">
            <label htmlFor="export-format">File format</label>
            <select
              id="export-format"
              className={field}
              value={form.format}
              onChange={(e) => setForm({ ...form, format: e.target.value as ExportParams["format"] })}
            >
              {Object.entries(FORMATS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          {form.format === "xero" ? (
            <div className="flex flex-wrap gap-3">
              <div className="flex flex-col text-sm font-medium">
                <label htmlFor="export-base">Xero base currency</label>
                <input
                  id="export-base"
                  className={`${field} w-24 uppercase`}
                  maxLength={3}
                  value={form.base ?? ""}
                  onChange={(e) => setForm({ ...form, base: e.target.value.toUpperCase() || undefined })}
                />
              </div>
              {["USD", "GBP", "EUR"]
                .filter((c) => c !== form.base)
                .map((currency) => (
                  <div key={currency} className="flex flex-col text-sm font-medium">
                    <label
                      htmlFor={`export-rate-${currency}`}
                    >{`${form.base || "Base"} per ${currency}`}</label>
                    <input
                      id={`export-rate-${currency}`}
                      className={`${field} w-28`}
                      inputMode="decimal"
                      value={rates[currency] ?? ""}
                      onChange={(e) => setRates({ ...rates, [currency]: e.target.value })}
                    />
                  </div>
                ))}
            </div>
          ) : null}
        </div>
        <div className="mt-4">
          <Button type="submit" variant="primary">
            Preview journals
          </Button>
        </div>
      </Card>
      {preview.error ? (
        <Banner tone="critical" title="No journals" role="alert">
          {preview.error.message}
        </Banner>
      ) : null}
      {preview.isFetching ? <LoadingState label="Building journals" /> : null}
      {preview.data && params ? (
        <section aria-labelledby="journals-title">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="journals-title" className="text-lg font-semibold">
              {preview.data.totals.journals} journals, {preview.data.totals.lines} lines
              {preview.data.totals.balanced ? " — all balanced" : " — NOT balanced"}
            </h2>
            <div className="flex gap-2">
              {Array.from(
                { length: Math.max(parts, 1) },
                (_, i) => `/api/accounting/export?${exportQuery(params, i + 1)}`,
              ).map((link, i) => (
                <a
                  key={link}
                  className="rounded-md border border-line-strong px-3 py-1 text-sm font-medium"
                  href={link}
                  download
                >
                  {parts > 1 ? `Download part ${i + 1} of ${parts}` : "Download file"}
                </a>
              ))}
            </div>
          </div>
          {currencies.length > 1 && params.format !== "xero" ? (
            <p className="text-sm text-fg-muted">
              Journals in {currencies.join(", ")}: each keeps its own currency.
            </p>
          ) : null}
          <ul className="mt-3 space-y-3" aria-label="Journals">
            {preview.data.journals.slice(0, 50).map((journal) => (
              <li key={journal.reference}>
                <JournalCard journal={journal} />
              </li>
            ))}
          </ul>
          {preview.data.journals.length > 50 ? (
            <p className="mt-2 text-sm text-fg-muted">
              The first 50 journals are shown; the file has them all.
            </p>
          ) : null}
        </section>
      ) : null}
    </form>
  );
}

function JournalCard({ journal }: { journal: Journal }) {
  return (
    <Card title={`${journal.reference} · ${dateOf(journal.date)} · ${journal.shopName}`} headingLevel={3}>
      <p className="text-sm text-fg-muted">{journal.narration}</p>
      <table className="mt-2 w-full text-sm" aria-label={`Lines of ${journal.reference}`}>
        <thead>
          <tr className="text-left text-fg-muted">
            <th scope="col">Account</th>
            <th scope="col">Description</th>
            <th scope="col" className="text-right">
              Debit
            </th>
            <th scope="col" className="text-right">
              Credit
            </th>
          </tr>
        </thead>
        <tbody>
          {journal.lines.map((line) => (
            <tr key={line.accountCode} className="border-t border-line">
              <td className="py-1">
                {line.accountCode} {line.accountName}
              </td>
              <td className="whitespace-normal">{line.description}</td>
              <td className="text-right">
                {line.amount.startsWith("-") ? "" : money(line.amount, journal.currency)}
              </td>
              <td className="text-right">
                {line.amount.startsWith("-") ? money(line.amount.slice(1), journal.currency) : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

const BUCKET_LABELS: Record<string, string> = {
  sales: "Sales",
  refunds: "Refunds",
  shipping: "Shipping",
  fees: "Fees",
  commissions: "Commissions",
  taxes: "Taxes",
  adjustments: "Adjustments",
  reserves: "Reserves",
  system: "Balancing accounts",
};

function Mapping() {
  const toast = useToast();
  const queryClient = useQueryClient();
  const ledger = useQuery({ queryKey: ["ledger"], queryFn: api.ledger });
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (ledger.data) setDraft(ledger.data.mapping);
  }, [ledger.data]);
  const save = useMutation({
    mutationFn: () => api.saveMapping(draft),
    onSuccess: async () => {
      setError(null);
      toast.success("Account mapping saved");
      await queryClient.invalidateQueries({ queryKey: ["ledger"] });
    },
    onError: (failure) => setError(failure.message),
  });
  if (ledger.isPending) return <LoadingState label="Loading the mapping" />;
  if (ledger.error)
    return (
      <ErrorState
        title="Could not load the mapping"
        message={ledger.error.message}
        onRetry={() => ledger.refetch()}
      />
    );
  const buckets = Object.keys(BUCKET_LABELS);
  return (
    <form
      className="mt-3 space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <p className="text-sm text-fg-muted">
        Each kind of TikTok Shop amount goes to one of your accounts. Journals sum the lines of each account.
      </p>
      {error ? (
        <Banner tone="critical" title="Mapping not saved" role="alert">
          {error}
        </Banner>
      ) : null}
      {buckets.map((bucket) => {
        const keys = ledger.data.lineKeys.filter((k) => k.bucket === bucket);
        if (keys.length === 0) return null;
        return (
          <Card key={bucket} title={BUCKET_LABELS[bucket]} headingLevel={3}>
            <div className="grid gap-2 md:grid-cols-2">
              {keys.map((key) => (
                <div key={key.key} className="flex items-center justify-between gap-2 text-sm">
                  <label htmlFor={`map-${key.key}`}>{key.label}</label>
                  <select
                    id={`map-${key.key}`}
                    className="max-w-56 rounded-md border border-line-strong bg-surface px-2 py-1"
                    value={draft[key.key] ?? ""}
                    onChange={(e) => setDraft({ ...draft, [key.key]: e.target.value })}
                  >
                    {ledger.data.accounts.map((account) => (
                      <option key={account.code} value={account.code}>
                        {account.code} {account.name}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
          </Card>
        );
      })}
      <Button type="submit" variant="primary" isPending={save.isPending}>
        Save mapping
      </Button>
    </form>
  );
}

function Accounts() {
  const toast = useToast();
  const queryClient = useQueryClient();
  const ledger = useQuery({ queryKey: ["ledger"], queryFn: api.ledger });
  // Each row carries a local key, so editing a code does not remount its inputs.
  const [rows, setRows] = useState<Array<LedgerAccount & { key: number }>>([]);
  const [nextKey, setNextKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (ledger.data) {
      setRows(ledger.data.accounts.map((account, i) => ({ ...account, key: i })));
      setNextKey(ledger.data.accounts.length);
    }
  }, [ledger.data]);
  const save = useMutation({
    mutationFn: () => api.saveAccounts(rows.map(({ key: _key, ...account }) => account)),
    onSuccess: async () => {
      setError(null);
      toast.success("Chart of accounts saved");
      await queryClient.invalidateQueries({ queryKey: ["ledger"] });
    },
    onError: (failure) => setError(failure.message),
  });
  if (ledger.isPending) return <LoadingState label="Loading your accounts" />;
  if (ledger.error)
    return (
      <ErrorState
        title="Could not load your accounts"
        message={ledger.error.message}
        onRetry={() => ledger.refetch()}
      />
    );
  const input = "rounded-md border border-line-strong bg-surface px-2 py-1";
  const update = (index: number, patch: Partial<LedgerAccount>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <form
      className="mt-3 space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <p className="text-sm text-fg-muted">
        The accounts as your accounting software has them: the code (Xero matches codes), the name (QuickBooks
        matches names) and the Xero tax rate of lines on the account.
      </p>
      {error ? (
        <Banner tone="critical" title="Chart of accounts not saved" role="alert">
          {error}
        </Banner>
      ) : null}
      <table className="w-full text-sm" aria-label="Chart of accounts">
        <thead>
          <tr className="text-left text-fg-muted">
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            <th scope="col">Xero tax rate</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.key}>
              <td className="py-1 pr-2">
                <input
                  aria-label={`Code of account ${index + 1}`}
                  className={`${input} w-24`}
                  value={row.code}
                  onChange={(e) => update(index, { code: e.target.value })}
                />
              </td>
              <td className="pr-2">
                <input
                  aria-label={`Name of account ${index + 1}`}
                  className={`${input} w-full`}
                  value={row.name}
                  onChange={(e) => update(index, { name: e.target.value })}
                />
              </td>
              <td className="pr-2">
                <input
                  aria-label={`Xero tax rate of account ${index + 1}`}
                  className={`${input} w-40`}
                  value={row.taxRate}
                  onChange={(e) => update(index, { taxRate: e.target.value })}
                />
              </td>
              <td>
                <Button
                  variant="plain"
                  size="sm"
                  onPress={() => setRows(rows.filter((_, i) => i !== index))}
                  aria-label={`Remove account ${row.code}`}
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          onPress={() => {
            setRows([...rows, { code: "", name: "", taxRate: "Tax Exempt", key: nextKey }]);
            setNextKey(nextKey + 1);
          }}
        >
          Add an account
        </Button>
        <Button type="submit" variant="primary" isPending={save.isPending}>
          Save accounts
        </Button>
      </div>
    </form>
  );
}

/**
 * The seller's book-keeping settings (time zone, split-month rollovers, bank matching window) and,
 * per shop, whether another store books its orders (ACC-R4).
 */
function Settings({ shop }: PageContext) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const seller = useQuery({ queryKey: ["settings"], queryFn: api.settings });
  const perShop = useQuery({
    queryKey: ["shop-settings", shop.id],
    queryFn: () => api.shopSettings(shop.id),
  });
  if (seller.isPending || perShop.isPending) return <LoadingState label="Loading settings" />;
  if (seller.error || perShop.error) {
    return (
      <ErrorState
        title="Could not load settings"
        message={(seller.error ?? perShop.error)!.message}
        onRetry={() => {
          void seller.refetch();
          void perShop.refetch();
        }}
      />
    );
  }
  return (
    <div className="mt-3 space-y-4">
      <SellerSettingsForm
        initial={seller.data.settings}
        onSaved={async () => {
          toast.success("Settings saved");
          await queryClient.invalidateQueries({ queryKey: ["settings"] });
          await queryClient.invalidateQueries({ queryKey: ["bank"] });
          await queryClient.invalidateQueries({ queryKey: ["journals"] });
          await queryClient.invalidateQueries({ queryKey: ["payment"] });
        }}
      />
      <ShopSettingsForm
        key={shop.id}
        shopName={shop.name}
        shopId={shop.id}
        initial={perShop.data.settings}
        onSaved={async () => {
          toast.success(`Settings of ${shop.name} saved`);
          await queryClient.invalidateQueries({ queryKey: ["shop-settings", shop.id] });
          await queryClient.invalidateQueries({ queryKey: ["other-store", shop.id] });
        }}
      />
    </div>
  );
}

const settingsField = "rounded-md border border-line-strong bg-surface px-2 py-1";

function SellerSettingsForm({ initial, onSaved }: { initial: SellerSettings; onSaved: () => Promise<void> }) {
  const [form, setForm] = useState({
    timeZone: initial.timeZone,
    splitMonthEnd: initial.splitMonthEnd,
    bankWindowMinDays: String(initial.bankWindowMinDays),
    bankWindowMaxDays: String(initial.bankWindowMaxDays),
  });
  const save = useMutation({
    mutationFn: () =>
      api.saveSettings({
        timeZone: form.timeZone.trim(),
        splitMonthEnd: form.splitMonthEnd,
        bankWindowMinDays: Number(form.bankWindowMinDays),
        bankWindowMaxDays: Number(form.bankWindowMaxDays),
      }),
    onSuccess: onSaved,
  });
  return (
    <form
      aria-label="Book-keeping settings"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Card title="Your books">
        <div className="grid gap-4 md:grid-cols-2">
          <div className="flex flex-col text-sm font-medium">
            <label htmlFor="settings-tz">Accounting time zone</label>
            <input
              id="settings-tz"
              className={settingsField}
              value={form.timeZone}
              onChange={(e) => setForm({ ...form, timeZone: e.target.value })}
            />
            <span className="text-xs font-normal text-fg-muted">
              IANA name, e.g. Europe/London. Journal dates and month ends are in it.
            </span>
          </div>
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              checked={form.splitMonthEnd}
              onChange={(e) => setForm({ ...form, splitMonthEnd: e.target.checked })}
            />
            Split payouts at month end
          </label>
          <p className="text-xs text-fg-muted md:col-span-2">
            A payout that pays statements of two months (or pays a month's last statements in the next month)
            becomes one journal per month: the earlier month moves its net to the Split-month rollover
            account, and the month of the deposit clears it.
          </p>
          <div className="flex gap-3">
            <div className="flex flex-col text-sm font-medium">
              <label htmlFor="settings-window-min">Bank deposit from (days after paid)</label>
              <input
                id="settings-window-min"
                className={`${settingsField} w-24`}
                inputMode="numeric"
                value={form.bankWindowMinDays}
                onChange={(e) => setForm({ ...form, bankWindowMinDays: e.target.value })}
              />
            </div>
            <div className="flex flex-col text-sm font-medium">
              <label htmlFor="settings-window-max">Bank deposit until (days after paid)</label>
              <input
                id="settings-window-max"
                className={`${settingsField} w-24`}
                inputMode="numeric"
                value={form.bankWindowMaxDays}
                onChange={(e) => setForm({ ...form, bankWindowMaxDays: e.target.value })}
              />
            </div>
          </div>
        </div>
        {save.error ? (
          <p role="alert" className="mt-2 text-sm text-critical-fg">
            {save.error.message}
          </p>
        ) : null}
        <Button type="submit" className="mt-3" isPending={save.isPending}>
          Save settings
        </Button>
      </Card>
    </form>
  );
}

function ShopSettingsForm({
  shopId,
  shopName,
  initial,
  onSaved,
}: {
  shopId: string;
  shopName: string;
  initial: ShopSettings;
  onSaved: () => Promise<void>;
}) {
  const [booking, setBooking] = useState(initial.otherStoreBooking);
  const [pattern, setPattern] = useState(initial.customPattern ? initial.otherStoreIdPattern : "");
  const save = useMutation({
    mutationFn: () =>
      api.saveShopSettings(shopId, {
        otherStoreBooking: booking,
        otherStoreIdPattern: pattern.trim() || null,
      }),
    onSuccess: onSaved,
  });
  return (
    <form
      aria-label={`Settings of ${shopName}`}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Card title={`${shopName}: orders in another store`}>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={booking} onChange={(e) => setBooking(e.target.checked)} />
          Orders are also booked in another store
        </label>
        <p className="mt-1 text-xs text-fg-muted">
          When TikTok orders are routed into Shopify, Shopify books the sale. Journals then post gross sales,
          buyer-paid shipping and taxes to the TikTok Shop clearing account (the receivable Shopify booked),
          and book TikTok's fees, commissions and shipping costs and the deposit against it.
        </p>
        <div className="mt-3 flex flex-col text-sm font-medium">
          <label htmlFor="settings-id-rule">TikTok order id rule (regular expression)</label>
          <input
            id="settings-id-rule"
            className={`${settingsField} font-mono`}
            value={pattern}
            placeholder={initial.customPattern ? "" : initial.otherStoreIdPattern}
            onChange={(e) => setPattern(e.target.value)}
          />
          <span className="text-xs font-normal text-fg-muted">
            Looked for in Note Attributes, then Tags, then the order Name; empty: any 18-19 digit number. A
            group, if any, is the id.
          </span>
        </div>
        {save.error ? (
          <p role="alert" className="mt-2 text-sm text-critical-fg">
            {save.error.message}
          </p>
        ) : null}
        <Button type="submit" className="mt-3" isPending={save.isPending}>
          {`Save settings of ${shopName}`}
        </Button>
      </Card>
    </form>
  );
}
