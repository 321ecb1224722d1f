// Where a user's bundler or Node finds our packages once they are published: `publishConfig.exports`
// (the built `dist`), not the workspace `exports` that point at `src` for the monorepo's own tools.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCOPE = '@passwordless-xstate/';

interface PackageJson {
  name?: string;
  exports?: unknown;
  publishConfig?: { exports?: unknown };
}

/** Our published packages by name, from the package folders under `packagesRoot`. */
function findPackages(packagesRoot: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(packagesRoot, { withFileTypes: true })) {
    const file = join(packagesRoot, entry.name, 'package.json');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
    if (manifest.name?.startsWith(SCOPE)) found.set(manifest.name, join(packagesRoot, entry.name));
  }
  return found;
}

export const BROWSER_CONDITIONS = ['browser', 'import', 'default'];
export const NODE_CONDITIONS = ['node', 'import', 'default'];

/** The file an export's condition object points to, for the first condition that matches. */
function pickTarget(target: unknown, conditions: readonly string[]): string | undefined {
  if (typeof target === 'string') return target;
  if (target === null || typeof target !== 'object') return undefined;
  const byCondition = target as Record<string, unknown>;
  for (const key of conditions) {
    const picked = pickTarget(byCondition[key], conditions);
    if (picked) return picked;
  }
  return undefined;
}

export class UnbuiltPackageError extends Error {
  override readonly name = 'UnbuiltPackageError';
}

function exportEntry(exportsMap: unknown, subpath: string): unknown {
  if (typeof exportsMap === 'string') return subpath === '.' ? exportsMap : undefined;
  if (exportsMap === null || typeof exportsMap !== 'object') return undefined;
  const map = exportsMap as Record<string, unknown>;
  // Conditions at the top level (no "." key) describe the root export only.
  if (!Object.keys(map).some((key) => key.startsWith('.'))) return subpath === '.' ? map : undefined;
  return map[subpath];
}

/**
 * A resolver for `@passwordless-xstate/<name>[/subpath]` that answers with the published file, or
 * undefined for any other specifier. It throws when the package is ours but the subpath is not
 * exported or not built.
 */
export function createPublishedResolver(
  packagesRoot: string,
  conditions: readonly string[],
): (specifier: string) => string | undefined {
  let packages: Map<string, string> | undefined;
  return (specifier) => {
    if (!specifier.startsWith(SCOPE)) return undefined;
    const [scope, name, ...rest] = specifier.split('/');
    const packageName = `${scope}/${name}`;
    packages ??= findPackages(packagesRoot);
    const dir = packages.get(packageName);
    if (!dir) return undefined;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
    const subpath = rest.length === 0 ? '.' : `./${rest.join('/')}`;
    const target = pickTarget(
      exportEntry(manifest.publishConfig?.exports ?? manifest.exports, subpath),
      conditions,
    );
    if (!target) throw new UnbuiltPackageError(`${packageName} publishes no export "${subpath}"`);
    const file = join(dir, target);
    if (!existsSync(file))
      throw new UnbuiltPackageError(
        `${specifier} resolves to ${file}, which is not built (run ./pnpmw build)`,
      );
    return file;
  };
}

/** This repository's packages as published, for Node and for a browser bundle. */
export const resolvePublished = createPublishedResolver(join(repoRoot, 'packages'), NODE_CONDITIONS);
export const resolvePublishedForBrowser = createPublishedResolver(
  join(repoRoot, 'packages'),
  BROWSER_CONDITIONS,
);
