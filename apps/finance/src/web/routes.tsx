import type { ShopView } from "@tts-kit/auth";
import type { PlatformNavigationEntry, PlatformPageContext, PlatformRoute } from "@tts-kit/ui";
import { AccountingPage } from "./pages/Accounting.tsx";
import { BankPage } from "./pages/Bank.tsx";
import { OrderSettlementPage } from "./pages/OrderSettlement.tsx";
import { OtherStorePage } from "./pages/OtherStore.tsx";
import { OverviewPage } from "./pages/Overview.tsx";
import { PayoutPage, PayoutsPage, WithdrawalsPage } from "./pages/Payouts.tsx";
import { CostsPage, ProfitPage } from "./pages/Profit.tsx";
import { ReconciliationPage } from "./pages/Reconciliation.tsx";
import { StatementPage, StatementsPage } from "./pages/Statements.tsx";

/** What a page receives: the selected shop, the seller's connected shops, the path's parameters and a way to move on. */
export type PageContext = PlatformPageContext<ShopView>;
export type Route = PlatformRoute<ShopView>;
export type NavigationEntry = PlatformNavigationEntry;

/** Every page of the app that works on a shop; App.tsx only matches them. */
export const routes: Route[] = [
  { path: "/", render: (c) => <OverviewPage {...c} /> },
  { path: "/payouts", render: (c) => <PayoutsPage {...c} /> },
  { path: "/payouts/:paymentId", render: (c) => <PayoutPage key={c.params.paymentId} {...c} /> },
  { path: "/statements", render: (c) => <StatementsPage {...c} /> },
  { path: "/statements/:statementId", render: (c) => <StatementPage key={c.params.statementId} {...c} /> },
  { path: "/orders/:orderId", render: (c) => <OrderSettlementPage key={c.params.orderId} {...c} /> },
  { path: "/withdrawals", render: (c) => <WithdrawalsPage {...c} /> },
  { path: "/reconciliation", render: (c) => <ReconciliationPage {...c} /> },
  { path: "/profit", render: (c) => <ProfitPage {...c} /> },
  { path: "/costs", render: (c) => <CostsPage {...c} /> },
  { path: "/accounting", render: (c) => <AccountingPage {...c} /> },
  { path: "/bank", render: (c) => <BankPage {...c} /> },
  { path: "/other-store", render: (c) => <OtherStorePage {...c} /> },
];

/** The main navigation, in order; "Shop connections" is always last and added by App.tsx. */
export const navigation: NavigationEntry[] = [
  { label: "Overview", path: "/", exact: true },
  { label: "Payouts", path: "/payouts" },
  { label: "Statements", path: "/statements" },
  { label: "Withdrawals", path: "/withdrawals" },
  { label: "Bank deposits", path: "/bank" },
  { label: "Reconciliation", path: "/reconciliation" },
  { label: "Profit", path: "/profit" },
  { label: "Accounting", path: "/accounting" },
  { label: "Other store", path: "/other-store" },
];
