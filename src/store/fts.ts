/**
 * A safe FTS5 query from user text: every word becomes a quoted string, so no user input is
 * read as FTS syntax. `all` needs every word (AND), `any` ranks by whichever words occur (OR).
 * Returns null when the text has no words.
 */
export function ftsQuery(text: string, mode: 'all' | 'any'): string | null {
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}+#.]*/gu)].map((m) => m[0].replace(/\.+$/, '')).filter((w) => w.length > 0).slice(0, 64);
  if (words.length === 0) return null;
  const quoted = [...new Set(words.map((w) => w.toLowerCase()))].map((w) => `"${w.replace(/"/g, '""')}"`);
  return quoted.join(mode === 'all' ? ' ' : ' OR ');
}
