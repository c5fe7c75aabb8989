/** Joins class names, skipping falsy values. Classes stay literal strings so Tailwind's scanner finds them. */
export function cx(...parts: Array<string | false | null | undefined>): string {
  let out = "";
  for (const part of parts) {
    if (part) out = out ? `${out} ${part}` : part;
  }
  return out;
}
