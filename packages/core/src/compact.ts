/** `T` with each member that may be `undefined` made optional instead, as `compact()` returns it. */
export type Compact<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/**
 * Drops `undefined` members: absent stays absent (exactOptionalPropertyTypes, JSON, Auth0 bodies
 * that reject null or unknown properties), written once instead of `...(x ? { x } : {})`.
 */
export function compact<T extends object>(value: T): Compact<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Compact<T>;
}
