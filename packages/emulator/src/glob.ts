/**
 * Matches `value` against a pattern where `*` stands for any run of characters except `@`, so
 * `http://localhost:*` cannot be satisfied by `http://localhost:1@evil.example/` (userinfo trick).
 */
export function matchesPattern(pattern: string, value: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^@]*')}$`).test(value);
}

export const matchesAny = (patterns: readonly string[], value: string) =>
  patterns.some((pattern) => matchesPattern(pattern, value));
