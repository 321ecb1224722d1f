/** Matches `value` against a pattern where `*` stands for any run of characters. */
export function matchesPattern(pattern: string, value: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(value);
}

export const matchesAny = (patterns: readonly string[], value: string) =>
  patterns.some((pattern) => matchesPattern(pattern, value));
