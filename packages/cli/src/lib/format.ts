const integer = new Intl.NumberFormat("en-US");

/** `1234567` → `"1,234,567"`. */
export const formatInteger = (value: number): string => integer.format(value);

/** A byte count for people: `512 B`, `2.1 KB`, `3.4 MB` (SI units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Aligns `label: value` rows on the colon. */
export function table(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${`${label}:`.padEnd(width + 2)}${value}`).join("\n");
}
