const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * `next`, except that every part deep-equal to the same part of `previous` is `previous`'s object
 * (structural sharing, as TanStack Query's `replaceEqualDeep`): `previous` itself when nothing
 * changed, so consumers compare with `===` and unchanged slices keep their references.
 */
export function replaceEqualDeep<T>(previous: unknown, next: T): T {
  if (previous === next) return next;
  const arrays = Array.isArray(previous) && Array.isArray(next);
  if (!arrays && !(isPlainObject(previous) && isPlainObject(next))) return next;
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const keys = Object.keys(after);
  const shared: Record<string, unknown> = arrays ? ([] as unknown as Record<string, unknown>) : {};
  let unchanged = Object.keys(before).length === keys.length;
  for (const key of keys) {
    const value = replaceEqualDeep(before[key], after[key]);
    shared[key] = value;
    if (value !== before[key] || !Object.hasOwn(before, key)) unchanged = false;
  }
  return (unchanged ? previous : shared) as T;
}
