/** The five tones shared by badges, banners, toasts and states (the same set Polaris uses). */
export type Tone = "neutral" | "info" | "success" | "warning" | "critical";

// Full literal class strings per tone, so Tailwind's scanner sees every one of them.
export const toneSurface: Record<Tone, string> = {
  neutral: "bg-neutral-bg text-neutral-fg border-neutral-line",
  info: "bg-info-bg text-info-fg border-info-line",
  success: "bg-success-bg text-success-fg border-success-line",
  warning: "bg-warning-bg text-warning-fg border-warning-line",
  critical: "bg-critical-bg text-critical-fg border-critical-line",
};

export const toneDot: Record<Tone, string> = {
  neutral: "bg-neutral-solid",
  info: "bg-info-solid",
  success: "bg-success-solid",
  warning: "bg-warning-solid",
  critical: "bg-critical-solid",
};
