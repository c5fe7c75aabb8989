import { useId } from "react";
import {
  Bar,
  CartesianGrid,
  Legend,
  Line,
  BarChart as RBarChart,
  LineChart as RLineChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { cx } from "../lib/cx.ts";

export interface ChartSeries<T> {
  /** The numeric field of each data point to plot. */
  key: Extract<keyof T, string>;
  label: string;
  /** Any CSS colour; default the theme's chart palette (--kit-chart-1…6). */
  color?: string;
}

export interface ChartProps<T> {
  data: readonly T[];
  /** The field for the x axis (date label, category). */
  xKey: Extract<keyof T, string>;
  series: readonly ChartSeries<T>[];
  /** Names the chart (figure caption, table caption). */
  title: string;
  description?: string;
  /** Keep the title for screen readers only (the card around the chart already shows it). */
  hideTitle?: boolean;
  height?: number;
  /** Formats values on the axis, the tooltip and the data table (e.g. money). */
  formatValue?: (value: number) => string;
  formatX?: (value: unknown) => string;
  /** Default: a legend when there are two or more series. */
  showLegend?: boolean;
  className?: string;
}

const palette = [
  "var(--kit-chart-1)",
  "var(--kit-chart-2)",
  "var(--kit-chart-3)",
  "var(--kit-chart-4)",
  "var(--kit-chart-5)",
  "var(--kit-chart-6)",
];

export const seriesColor = (index: number, color?: string): string =>
  color ?? palette[index % palette.length] ?? "currentColor";

const defaultFormat = (value: number) => new Intl.NumberFormat().format(value);
const defaultX = (value: unknown) => String(value ?? "");

/**
 * The chart is a picture for sighted users; screen readers get the same numbers as a table, which
 * they can navigate, instead of an SVG they cannot.
 */
function ChartFrame<T>({ props, children }: { props: ChartProps<T>; children: React.ReactNode }) {
  const {
    data,
    xKey,
    series,
    title,
    description,
    hideTitle,
    formatValue = defaultFormat,
    formatX = defaultX,
  } = props;
  const captionId = useId();
  return (
    <figure aria-labelledby={captionId} className={cx("kit-chart m-0 w-full", props.className)}>
      <figcaption id={captionId} className={cx(hideTitle ? "sr-only" : "mb-2 text-sm font-semibold text-fg")}>
        {title}
        {description && (
          <span className={cx(hideTitle ? "" : "block text-xs font-normal text-fg-muted")}>
            {" "}
            {description}
          </span>
        )}
      </figcaption>
      <div aria-hidden="true">{children}</div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{xKey}</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((point, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: chart points have no identity beyond their position
            <tr key={i}>
              <th scope="row">{formatX(point[xKey])}</th>
              {series.map((s) => {
                const value = point[s.key];
                return (
                  <td key={s.key}>{typeof value === "number" ? formatValue(value) : String(value ?? "")}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

// Recharts styles its tooltip inline, so the theme goes in through these props, not CSS.
const tooltipStyle = {
  background: "var(--kit-surface)",
  border: "1px solid var(--kit-line)",
  borderRadius: 8,
  boxShadow: "var(--kit-shadow-popover)",
  color: "var(--kit-fg)",
  fontSize: 12,
};

function axes<T>(props: ChartProps<T>) {
  const formatValue = props.formatValue ?? defaultFormat;
  const formatX = props.formatX ?? defaultX;
  return [
    <CartesianGrid key="grid" vertical={false} stroke="var(--kit-line)" />,
    <XAxis
      key="x"
      dataKey={props.xKey}
      tickFormatter={(v) => formatX(v)}
      tickLine={false}
      axisLine={{ stroke: "var(--kit-line)" }}
      minTickGap={16}
    />,
    <YAxis
      key="y"
      tickFormatter={(v: number) => formatValue(v)}
      tickLine={false}
      axisLine={false}
      // Sized to the widest tick label, so "$12,345.00" is not clipped.
      width="auto"
    />,
    <Tooltip
      key="tooltip"
      formatter={(v) => (typeof v === "number" ? formatValue(v) : String(v))}
      labelFormatter={(v) => formatX(v)}
      cursor={{ fill: "var(--kit-surface-hover)", stroke: "var(--kit-line-strong)" }}
      contentStyle={tooltipStyle}
      labelStyle={{ color: "var(--kit-fg)", fontWeight: 600 }}
      itemStyle={{ color: "var(--kit-fg)" }}
    />,
    (props.showLegend ?? props.series.length > 1) ? (
      <Legend
        key="legend"
        iconType="circle"
        iconSize={8}
        // Keep the series order the app gave, not alphabetical.
        itemSorter={null}
        formatter={(value) => <span style={{ color: "var(--kit-fg-muted)", fontSize: 12 }}>{value}</span>}
      />
    ) : null,
  ];
}

/** Trends over time (daily revenue, orders per day). Numbers only: convert decimal strings for plotting. */
export function LineChart<T extends object>(props: ChartProps<T>) {
  return (
    <ChartFrame props={props}>
      <RLineChart
        responsive
        accessibilityLayer={false}
        data={props.data as T[]}
        style={{ width: "100%", height: props.height ?? 260 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        {axes(props)}
        {props.series.map((s, i) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.label}
            stroke={seriesColor(i, s.color)}
            strokeWidth={2}
            dot={false}
            activeDot={{ r: 4 }}
            isAnimationActive={false}
          />
        ))}
      </RLineChart>
    </ChartFrame>
  );
}

export interface BarChartProps<T> extends ChartProps<T> {
  /** Stack the series instead of placing them side by side. */
  stacked?: boolean;
}

/** Comparisons between categories or periods (orders by status, fees by type). */
export function BarChart<T extends object>(props: BarChartProps<T>) {
  return (
    <ChartFrame props={props}>
      <RBarChart
        responsive
        accessibilityLayer={false}
        data={props.data as T[]}
        style={{ width: "100%", height: props.height ?? 260 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        {axes(props)}
        {props.series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={seriesColor(i, s.color)}
            radius={props.stacked ? 0 : [4, 4, 0, 0]}
            stackId={props.stacked ? "stack" : undefined}
            maxBarSize={48}
            isAnimationActive={false}
          />
        ))}
      </RBarChart>
    </ChartFrame>
  );
}
