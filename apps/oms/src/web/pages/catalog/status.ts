import type { Tone } from "@tts-kit/ui";

/** Product statuses as sellers read them (TikTok's `status`, audit folded in). */
export const PRODUCT_STATUSES: Array<{ value: string; label: string; tone: Tone }> = [
  { value: "ACTIVATE", label: "Live", tone: "success" },
  { value: "PENDING", label: "In review", tone: "info" },
  { value: "FAILED", label: "Review failed", tone: "critical" },
  { value: "SELLER_DEACTIVATED", label: "Deactivated", tone: "neutral" },
  { value: "PLATFORM_DEACTIVATED", label: "Deactivated by TikTok", tone: "warning" },
  { value: "FREEZE", label: "Frozen", tone: "warning" },
  { value: "DRAFT", label: "Draft", tone: "neutral" },
  { value: "DELETED", label: "Deleted", tone: "neutral" },
];

export function productStatus(value: string) {
  return PRODUCT_STATUSES.find((s) => s.value === value) ?? { value, label: value, tone: "neutral" as Tone };
}
