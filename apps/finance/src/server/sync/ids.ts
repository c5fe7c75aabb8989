/** An id TikTok actually set: its responses fill the id fields that do not apply with "0" or "". */
export function presentId(value: string | null | undefined): string | null {
  return value && value !== "0" ? value : null;
}
