// @tts-kit/ui: the UI kit and app shell of the seller apps. Styles: import "@tts-kit/ui/styles.css".

export { I18nProvider as LocaleProvider, RouterProvider, useLocale } from "react-aria-components";
export type { BannerProps } from "./components/Banner.tsx";
export { Banner } from "./components/Banner.tsx";
export type { ButtonProps, ButtonSize, ButtonVariant, LinkButtonProps } from "./components/Button.tsx";
export { Button, buttonClass, LinkButton, Spinner, TextLink } from "./components/Button.tsx";
export type { CardProps } from "./components/Card.tsx";
export { Card } from "./components/Card.tsx";
export type { BarChartProps, ChartProps, ChartSeries } from "./components/Charts.tsx";
export { BarChart, LineChart } from "./components/Charts.tsx";
export type { ConfirmDialogProps } from "./components/ConfirmDialog.tsx";
export { ConfirmDialog } from "./components/ConfirmDialog.tsx";
export type { BreadcrumbItem, PageAction, PageHeaderProps } from "./components/PageHeader.tsx";
export { PageHeader } from "./components/PageHeader.tsx";
export type { EmptyStateProps, ErrorStateProps, LoadingStateProps } from "./components/States.tsx";
export { EmptyState, ErrorState, errorMessage, LoadingState, Skeleton } from "./components/States.tsx";
export type { StatusBadgeProps } from "./components/StatusBadge.tsx";
export { StatusBadge } from "./components/StatusBadge.tsx";
export type { TabItem, TabsProps } from "./components/Tabs.tsx";
export { Tabs } from "./components/Tabs.tsx";
export type { ToastApi, ToastOptions, ToastProviderProps } from "./components/Toast.tsx";
export { ToastProvider, useToast } from "./components/Toast.tsx";
export type { Tone } from "./components/tone.ts";
export type { FormProps } from "./form/Form.tsx";
export { Form, SubmitButton, useZodForm } from "./form/Form.tsx";
export type {
  CheckboxProps,
  DateFieldProps,
  FieldBaseProps,
  NumberFieldProps,
  SelectOption,
  SelectProps,
  TextFieldProps,
} from "./form/fields.tsx";
export { Checkbox, DateField, NumberField, Select, TextField } from "./form/fields.tsx";
export type { SubmitErrors } from "./form/submitErrors.ts";
export { applySubmitErrors, FormSubmitError, toSubmitErrors } from "./form/submitErrors.ts";
export * from "./format/index.ts";
export { cx } from "./lib/cx.ts";
export type {
  PlatformAppProps,
  PlatformNavigationEntry,
  PlatformPageContext,
  PlatformRoute,
  PlatformSession,
} from "./platform/PlatformApp.tsx";
export { PlatformApp, sessionFromQuery } from "./platform/PlatformApp.tsx";
export {
  type ConnectionsApi,
  PlatformConnectionsPage,
  type PlatformConnectionsPageProps,
  SESSION_QUERY_KEY,
} from "./platform/PlatformConnections.tsx";
export { matchRoute, useBrowserLocation } from "./platform/routing.ts";
export type {
  CarrierMappingRow,
  CarrierMappingSectionProps,
  CarrierWarehouse,
  ShopConnectionsPageProps,
} from "./platform/ShopConnections.tsx";
export { CarrierMappingSection, ShopConnectionsPage } from "./platform/ShopConnections.tsx";
export type { ConnectionShop } from "./platform/shops.ts";
export { reauthShops, shopSwitcherStatus } from "./platform/shops.ts";
export type { AppShellProps, NavItem } from "./shell/AppShell.tsx";
export { AppShell, findActiveHref } from "./shell/AppShell.tsx";
export type { ConnectionState, ConnectionStatusProps } from "./shell/ConnectionStatus.tsx";
export { ConnectionStatus, useBrowserOnline } from "./shell/ConnectionStatus.tsx";
export type { ReauthBannerProps } from "./shell/ReauthBanner.tsx";
export { ReauthBanner } from "./shell/ReauthBanner.tsx";
export type { ReauthNotice, ShopAuthorization } from "./shell/reauth.ts";
export { DEFAULT_REAUTH_WARNING_DAYS, getReauthNotices } from "./shell/reauth.ts";
export type { ShopStatus, ShopSummary, ShopSwitcherProps } from "./shell/ShopSwitcher.tsx";
export { ShopSwitcher } from "./shell/ShopSwitcher.tsx";
export type {
  BulkAction,
  DataTableColumn,
  DataTableColumnMeta,
  DataTableFeatures,
  DataTableProps,
} from "./table/DataTable.tsx";
export { columnHelper, DataTable, dataTableFeatures } from "./table/DataTable.tsx";
export type { FilterBarProps, FilterDef, FilterOption } from "./table/FilterBar.tsx";
export { FilterBar } from "./table/FilterBar.tsx";
export type {
  DataTableState,
  DateRangeValue,
  FilterValue,
  FilterValues,
  PageState,
  SortState,
} from "./table/state.ts";
export {
  activeFilterCount,
  compactFilters,
  createTableState,
  firstPage,
  isFilterActive,
  pageOffset,
  toNextPage,
  toPreviousPage,
  withFilters,
  withPageSize,
  withSort,
} from "./table/state.ts";
export type { ThemePreference } from "./theme.ts";
export { applyTheme, THEME_STORAGE_KEY, useThemePreference } from "./theme.ts";
