import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import { Banner, Button, Card, ErrorState, LoadingState, PageHeader, useToast } from "@tts-kit/ui";
import { useEffect, useId, useMemo, useState } from "react";
import { api } from "../../api.ts";
import { fulfillmentApi, type ShipmentPlan, type ShippingRule } from "../../fulfillment-api.ts";
import { inputClass } from "./parts.tsx";

/**
 * /shipping/rules: the seller's shipping rules. Each rule has conditions (shop region, warehouse,
 * delivery option, SKU prefix, order total, item count; all must hold) and actions (ship from a
 * warehouse, ship with a carrier, which TikTok Shipping service to prefer). The first enabled
 * matching rule wins; the fulfil, batch and scan screens apply it and show which one matched.
 */

interface Draft {
  key: string;
  id?: string | undefined;
  name: string;
  enabled: boolean;
  region: string;
  warehouseId: string;
  deliveryOptionId: string;
  skuPrefixes: string;
  minTotal: string;
  maxTotal: string;
  minItems: string;
  maxItems: string;
  actionWarehouseId: string;
  shippingProviderId: string;
  servicePreference: "" | "default" | "cheapest" | "fastest";
}

let keys = 0;
const newKey = () => `rule-${++keys}`;

function toDraft(rule: ShippingRule): Draft {
  const c = rule.conditions;
  const a = rule.actions;
  return {
    key: newKey(),
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    region: c.regions?.[0] ?? "",
    warehouseId: c.warehouseIds?.[0] ?? "",
    deliveryOptionId: c.deliveryOptionIds?.[0] ?? "",
    skuPrefixes: (c.skuPrefixes ?? []).join(", "),
    minTotal: c.minTotal ?? "",
    maxTotal: c.maxTotal ?? "",
    minItems: c.minItems !== undefined ? String(c.minItems) : "",
    maxItems: c.maxItems !== undefined ? String(c.maxItems) : "",
    actionWarehouseId: a.warehouseId ?? "",
    shippingProviderId: a.shippingProviderId ?? "",
    servicePreference: a.servicePreference ?? "",
  };
}

function fromDraft(draft: Draft): ShippingRule {
  const prefixes = draft.skuPrefixes
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name,
    enabled: draft.enabled,
    conditions: {
      ...(draft.region ? { regions: [draft.region] } : {}),
      ...(draft.warehouseId ? { warehouseIds: [draft.warehouseId] } : {}),
      ...(draft.deliveryOptionId ? { deliveryOptionIds: [draft.deliveryOptionId] } : {}),
      ...(prefixes.length ? { skuPrefixes: prefixes } : {}),
      ...(draft.minTotal.trim() ? { minTotal: draft.minTotal.trim() } : {}),
      ...(draft.maxTotal.trim() ? { maxTotal: draft.maxTotal.trim() } : {}),
      ...(draft.minItems.trim() ? { minItems: Number(draft.minItems) } : {}),
      ...(draft.maxItems.trim() ? { maxItems: Number(draft.maxItems) } : {}),
    },
    actions: {
      ...(draft.actionWarehouseId ? { warehouseId: draft.actionWarehouseId } : {}),
      ...(draft.shippingProviderId ? { shippingProviderId: draft.shippingProviderId } : {}),
      ...(draft.servicePreference ? { servicePreference: draft.servicePreference } : {}),
    },
  };
}

const emptyDraft = (): Draft => ({
  key: newKey(),
  name: "",
  enabled: true,
  region: "",
  warehouseId: "",
  deliveryOptionId: "",
  skuPrefixes: "",
  minTotal: "",
  maxTotal: "",
  minItems: "",
  maxItems: "",
  actionWarehouseId: "",
  shippingProviderId: "",
  servicePreference: "",
});

export function RulesPage({ shop, href }: { shop: ShopView; href: (path: string) => string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: ["rules", shop.id], queryFn: () => fulfillmentApi.rules(shop.id) });
  const options = useQuery({
    queryKey: ["carrier-options", shop.id],
    queryFn: () => api.carrierOptions(shop.id),
  });
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (rules.data) setDrafts(rules.data.rules.map(toDraft));
  }, [rules.data]);

  const save = useMutation({
    mutationFn: () => fulfillmentApi.saveRules(shop.id, drafts.map(fromDraft)),
    onSuccess: async () => {
      setError(null);
      toast.success("Shipping rules saved");
      await queryClient.invalidateQueries({ queryKey: ["rules", shop.id] });
      await queryClient.invalidateQueries({ queryKey: ["fulfil", shop.id] });
    },
    onError: (caught) => setError(caught.message),
  });

  const choices = useMemo(() => {
    const warehouses = options.data?.warehouses ?? [];
    const deliveryOptions = new Map<string, string>();
    const providers = new Map<string, string>();
    for (const w of warehouses)
      for (const o of w.deliveryOptions) {
        deliveryOptions.set(o.id, o.name);
        for (const p of o.shippingProviders) providers.set(p.id, p.name);
      }
    return { warehouses, deliveryOptions: [...deliveryOptions], providers: [...providers] };
  }, [options.data]);

  if (rules.isPending || options.isPending) return <LoadingState label="Loading shipping rules" />;
  if (rules.error || options.error) {
    return (
      <ErrorState
        title="Could not load shipping rules"
        message={(rules.error ?? options.error)?.message}
        onRetry={() => {
          void rules.refetch();
          void options.refetch();
        }}
      />
    );
  }
  const update = (key: string, patch: Partial<Draft>) =>
    setDrafts((current) => current.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const move = (index: number, by: number) =>
    setDrafts((current) => {
      const next = [...current];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });

  return (
    <>
      <PageHeader
        title="Shipping rules"
        subtitle="Rules run top to bottom; the first enabled rule whose conditions all hold decides."
        breadcrumbs={[{ label: "Shipping", href: href("/shipping") }]}
      />
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        {error ? (
          <Banner tone="critical" title="Rules not saved" role="alert">
            {error}
          </Banner>
        ) : null}
        {drafts.length === 0 ? (
          <p className="text-sm text-fg-muted">No rules yet: orders use your carrier mapping.</p>
        ) : null}
        {drafts.map((draft, index) => (
          <RuleEditor
            key={draft.key}
            index={index}
            count={drafts.length}
            draft={draft}
            region={shop.region}
            choices={choices}
            onChange={(patch) => update(draft.key, patch)}
            onMove={(by) => move(index, by)}
            onRemove={() => setDrafts((current) => current.filter((d) => d.key !== draft.key))}
          />
        ))}
        <div className="flex gap-2">
          <Button onPress={() => setDrafts((current) => [...current, emptyDraft()])}>Add a rule</Button>
          <Button type="submit" variant="primary" isPending={save.isPending}>
            Save rules
          </Button>
        </div>
      </form>
      <RuleTester shop={shop} />
    </>
  );
}

function RuleEditor({
  index,
  count,
  draft,
  region,
  choices,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  draft: Draft;
  region: string;
  choices: {
    warehouses: Array<{ id: string; name: string }>;
    deliveryOptions: Array<[string, string]>;
    providers: Array<[string, string]>;
  };
  onChange: (patch: Partial<Draft>) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const field = (name: string) => `${id}-${name}`;
  const text = (
    name: keyof Draft,
    label: string,
    props: { inputMode?: "decimal" | "numeric"; placeholder?: string } = {},
  ) => (
    <div className="flex flex-col gap-1 text-sm font-medium">
      <label htmlFor={field(name)}>{label}</label>
      <input
        id={field(name)}
        className={inputClass}
        value={String(draft[name] ?? "")}
        onChange={(event) => onChange({ [name]: event.target.value } as Partial<Draft>)}
        {...props}
      />
    </div>
  );
  const select = (name: keyof Draft, label: string, any: string, entries: Array<[string, string]>) => (
    <div className="flex flex-col gap-1 text-sm font-medium">
      <label htmlFor={field(name)}>{label}</label>
      <select
        id={field(name)}
        className={inputClass}
        value={String(draft[name] ?? "")}
        onChange={(event) => onChange({ [name]: event.target.value } as Partial<Draft>)}
      >
        <option value="">{any}</option>
        {entries.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  const warehouses = choices.warehouses.map((w) => [w.id, w.name] as [string, string]);
  return (
    <Card>
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Rule {index + 1}</legend>
        <div className="flex flex-wrap items-end gap-3">
          {text("name", "Name")}
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(e) => onChange({ enabled: e.target.checked })}
            />
            Enabled
          </label>
          <Button size="sm" isDisabled={index === 0} onPress={() => onMove(-1)}>
            Move up
          </Button>
          <Button size="sm" isDisabled={index === count - 1} onPress={() => onMove(1)}>
            Move down
          </Button>
          <Button size="sm" variant="secondary" onPress={onRemove}>
            Remove
          </Button>
        </div>
        <h3 className="text-sm font-semibold">When</h3>
        <div className="grid gap-3 md:grid-cols-4">
          {select("region", "Shop region", "Any region", [[region, region]])}
          {select("warehouseId", "Order's warehouse", "Any warehouse", warehouses)}
          {select("deliveryOptionId", "Delivery option", "Any delivery option", choices.deliveryOptions)}
          {text("skuPrefixes", "Seller SKU starts with", { placeholder: "e.g. FRAG-, BIG-" })}
          {text("minTotal", "Order total at least", { inputMode: "decimal" })}
          {text("maxTotal", "Order total at most", { inputMode: "decimal" })}
          {text("minItems", "Items at least", { inputMode: "numeric" })}
          {text("maxItems", "Items at most", { inputMode: "numeric" })}
        </div>
        <h3 className="text-sm font-semibold">Then</h3>
        <div className="grid gap-3 md:grid-cols-3">
          {select("actionWarehouseId", "Ship from", "The order's warehouse", warehouses)}
          {select(
            "shippingProviderId",
            "Carrier (your own shipping)",
            "The mapped carrier",
            choices.providers,
          )}
          {select("servicePreference", "TikTok Shipping service", "TikTok's default", [
            ["cheapest", "Cheapest"],
            ["fastest", "Fastest"],
          ])}
        </div>
      </fieldset>
    </Card>
  );
}

/** Which rule an order would get, and the carrier, before shipping it. */
function RuleTester({ shop }: { shop: ShopView }) {
  const [orderId, setOrderId] = useState("");
  const [plan, setPlan] = useState<ShipmentPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="tester-title" className="mt-6 space-y-2">
      <h2 id="tester-title" className="text-lg font-semibold">
        Try an order
      </h2>
      <form
        className="flex items-end gap-2"
        onSubmit={async (event) => {
          event.preventDefault();
          setError(null);
          try {
            setPlan((await fulfillmentApi.matchRule(shop.id, orderId.trim())).plan);
          } catch (caught) {
            setPlan(null);
            setError(caught instanceof Error ? caught.message : String(caught));
          }
        }}
      >
        <label className="flex flex-col gap-1 text-sm font-medium" htmlFor="tester-order">
          Order id
          <input
            id="tester-order"
            className={`${inputClass} font-mono`}
            value={orderId}
            onChange={(e) => setOrderId(e.target.value)}
          />
        </label>
        <Button type="submit">Check</Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-critical-fg">
          {error}
        </p>
      ) : null}
      {plan ? (
        <p role="status" className="text-sm" data-field="tester-result">
          {plan.rule ? `Rule "${plan.rule.name}" matches.` : "No rule matches."} Ships from{" "}
          {plan.warehouseName}
          {plan.carrier ? ` with ${plan.carrier.name}` : ""}.
        </p>
      ) : null}
    </section>
  );
}
