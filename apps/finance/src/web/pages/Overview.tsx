import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, formatRelative, PageHeader, StatusBadge, TextLink, useToast } from "@tts-kit/ui";
import { api } from "../api.ts";
import { ISSUE_LABELS } from "../common.tsx";
import type { PageContext } from "../routes.tsx";
import { MarginChart, ProfitTotals } from "./Profit.tsx";

/** The shop at a glance: the last 30 days' margin, what reconciliation found, and the sync state. */
export function OverviewPage({ shop, href }: PageContext) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const sync = useQuery({
    queryKey: ["sync", shop.id],
    queryFn: () => api.syncStatus(shop.id),
    refetchInterval: 10_000,
  });
  const lastSynced = sync.data?.status?.lastSyncedAt ?? shop.lastSyncedAt;
  const profit = useQuery({
    queryKey: ["profit", shop.id, "overview", lastSynced],
    queryFn: () => api.profit(shop.id, {}, "day", "profit", 1, 1),
  });
  const reconciliation = useQuery({
    queryKey: ["reconciliation", shop.id, "overview", lastSynced],
    queryFn: () => api.reconciliation(shop.id, {}, 1, 5, {}),
  });
  const syncNow = useMutation({
    mutationFn: (full: boolean) => api.syncNow(shop.id, full),
    onSuccess: async () => {
      toast.success("Sync started");
      await queryClient.invalidateQueries({ queryKey: ["sync", shop.id] });
    },
    onError: (error) => toast.error(`Could not start a sync: ${error.message}`),
  });
  const running = sync.data?.status?.jobs.some((j) => j.running) ?? false;
  const summary = reconciliation.data?.summary;
  const problems = summary ? Object.entries(summary.issues).filter(([, n]) => n > 0) : [];
  return (
    <>
      <PageHeader
        title="Overview"
        subtitle={`${shop.name}: the last 30 days.`}
        primaryAction={{
          label: "Sync now",
          onPress: () => syncNow.mutate(false),
          isPending: syncNow.isPending,
        }}
        secondaryActions={[{ label: "Re-read all history", onPress: () => syncNow.mutate(true) }]}
        titleMeta={
          running ? (
            <StatusBadge tone="info">Syncing</StatusBadge>
          ) : lastSynced ? (
            <StatusBadge tone="success">{`Synced ${formatRelative(lastSynced)}`}</StatusBadge>
          ) : (
            <StatusBadge tone="warning">First import running</StatusBadge>
          )
        }
      />
      <ProfitTotals profit={profit.data} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Margin" className="lg:col-span-2">
          <MarginChart
            profit={profit.data}
            title="Revenue, settlement, cost of goods and net profit per day"
          />
        </Card>
        <Card title="Reconciliation" actions={<TextLink href={href("/reconciliation")}>Open</TextLink>}>
          {summary ? (
            <>
              <p className="text-sm">
                {summary.ordersSettled} orders settled, {summary.ordersUnsettled} unsettled,{" "}
                <strong>{summary.ordersMissing} missing</strong>.
              </p>
              {problems.length === 0 ? (
                <p className="mt-2 text-sm">
                  <StatusBadge tone="success">All checks pass</StatusBadge>
                </p>
              ) : (
                <ul className="mt-2 space-y-1 text-sm" aria-label="Problems">
                  {problems.map(([kind, count]) => (
                    <li key={kind}>
                      <StatusBadge tone="critical">{String(count)}</StatusBadge> {ISSUE_LABELS[kind] ?? kind}
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <p className="text-sm text-fg-muted">Checking…</p>
          )}
          <div className="mt-3">
            <Button variant="secondary" size="sm" onPress={() => void reconciliation.refetch()}>
              Check again
            </Button>
          </div>
        </Card>
      </div>
    </>
  );
}
