import type { ShopView } from "@tts-kit/auth";
import type { PlatformNavigationEntry, PlatformPageContext, PlatformRoute } from "@tts-kit/ui";
import { AfterSalesPage } from "./pages/aftersales/AfterSalesPage.tsx";
import { CancelOrderPage } from "./pages/aftersales/CancelOrderPage.tsx";
import { ProductPage } from "./pages/catalog/ProductPage.tsx";
import { ProductsPage } from "./pages/catalog/ProductsPage.tsx";
import { FulfilPage } from "./pages/fulfillment/FulfilPage.tsx";
import { RulesPage } from "./pages/fulfillment/RulesPage.tsx";
import { ScanPage } from "./pages/fulfillment/ScanPage.tsx";
import { ShippingPage } from "./pages/fulfillment/ShippingPage.tsx";
import { OrderDetailPage } from "./pages/orders/OrderDetail.tsx";
import { OrdersListPage } from "./pages/orders/OrdersList.tsx";

/** What a page receives: the selected shop, the seller's connected shops, the path's parameters and a way to move on. */
export type PageContext = PlatformPageContext<ShopView>;
export type Route = PlatformRoute<ShopView>;
export type NavigationEntry = PlatformNavigationEntry;

/**
 * Every page of the app that works on a shop, one entry each. Each area of the app (orders,
 * fulfilment, catalog, after-sales) adds its own lines; App.tsx only matches them.
 */
export const routes: Route[] = [
  { path: "/shipping", render: ({ shop, href }) => <ShippingPage shop={shop} href={href} /> },
  { path: "/shipping/scan", render: ({ shop, href }) => <ScanPage shop={shop} href={href} /> },
  { path: "/shipping/rules", render: ({ shop, href }) => <RulesPage shop={shop} href={href} /> },
  {
    path: "/orders/:orderId/fulfil",
    render: ({ shop, params, href }) => <FulfilPage shop={shop} orderId={params.orderId ?? ""} href={href} />,
  },
  { path: "/", render: ({ shop, href }) => <OrdersListPage shop={shop} href={href} /> },
  {
    path: "/orders/:orderId",
    render: ({ shop, params, href }) => (
      <OrderDetailPage shop={shop} orderId={params.orderId ?? ""} href={href} />
    ),
  },
  { path: "/products", render: ({ shop, href }) => <ProductsPage shop={shop} href={href} /> },
  {
    path: "/products/:productId",
    render: ({ shop, params, href }) => (
      <ProductPage shop={shop} productId={params.productId ?? ""} href={href} />
    ),
  },
  { path: "/after-sales", render: ({ shop, href }) => <AfterSalesPage shop={shop} href={href} /> },
  {
    path: "/orders/:orderId/cancel",
    render: ({ shop, params, href }) => (
      <CancelOrderPage shop={shop} orderId={params.orderId ?? ""} href={href} />
    ),
  },
];

/** The main navigation, in order; "Shop connections" is always last and added by App.tsx. */
export const navigation: NavigationEntry[] = [
  { label: "Orders", path: "/", exact: true },
  { label: "Shipping", path: "/shipping" },
  { label: "Products", path: "/products" },
  { label: "Returns & cancellations", path: "/after-sales" },
];
