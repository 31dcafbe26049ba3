/** An ILIKE pattern for "contains q" where `%`, `_` and `\` typed by the user match literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
