// Bundle sizes as a user's bundler sees the published packages: esbuild --bundle --minify
// --format=esm --platform=browser --target=es2020, code splitting on so that dynamic imports
// become the lazy chunks a browser fetches later, each output gzipped (-9) on its own.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { resolvePublishedForBrowser } from './published.ts';

export const entriesDir = fileURLToPath(new URL('../entries/', import.meta.url));

export interface BundleSize {
  /** Gzipped bytes of the entry chunk and every chunk it imports statically. */
  upFront: number;
  /** Gzipped bytes of every output, the lazily imported chunks included. */
  allIn: number;
  /** Packages with code in the up-front chunks. */
  packages: string[];
  /** Packages with code only in the lazily imported chunks. */
  lazyPackages: string[];
}

/** Our packages from their published `dist`, never the workspace `src`. */
export const publishedPackages: Plugin = {
  name: 'published-packages',
  setup(builder) {
    builder.onResolve({ filter: /^@passwordless-xstate\// }, ({ path }) => {
      const file = resolvePublishedForBrowser(path);
      return file ? { path: file } : undefined;
    });
  },
};

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function staticClosure(metafile: Metafile, entryOutput: string): Set<string> {
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entryOutput);
  return seen;
}

function packagesIn(metafile: Metafile, outputs: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const output of outputs)
    for (const input of Object.keys(metafile.outputs[output]?.inputs ?? {})) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(input);
      if (match?.[1]) names.add(match[1]);
      else if (input.includes('packages/'))
        names.add(`@passwordless-xstate/${input.split('packages/')[1]?.split('/')[0]}`);
    }
  return names;
}

/**
 * Bundles `entries/<entry>.ts` (or the file at an absolute path); `external` packages (the app's
 * own React or Vue) are not counted.
 */
export async function measureBundle(entry: string, external: string[] = []): Promise<BundleSize> {
  const outdir = mkdtempSync(join(tmpdir(), 'pwl-bench-size-'));
  try {
    const result = await build({
      entryPoints: [isAbsolute(entry) ? entry : join(entriesDir, `${entry}.ts`)],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      splitting: true,
      outdir,
      metafile: true,
      write: true,
      logLevel: 'silent',
      legalComments: 'none',
      external,
      plugins: [publishedPackages],
    });
    const { metafile } = result;
    const outputs = Object.keys(metafile.outputs).filter((output) => output.endsWith('.js'));
    const cwd = process.cwd();
    const entryOutput = outputs.find((output) => metafile.outputs[output]?.entryPoint !== undefined);
    if (!entryOutput) throw new Error(`esbuild wrote no entry chunk for ${entry}`);
    const upFrontFiles = staticClosure(metafile, entryOutput);
    const upFrontPackages = packagesIn(metafile, upFrontFiles);
    const bytes = (files: Iterable<string>) =>
      [...files].reduce((sum, output) => sum + gzipBytes(resolve(cwd, output)), 0);
    return {
      upFront: bytes(upFrontFiles),
      allIn: bytes(outputs),
      packages: [...upFrontPackages].sort(),
      lazyPackages: [...packagesIn(metafile, outputs)].filter((name) => !upFrontPackages.has(name)).sort(),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Dependency groups of the core, by the packages that make each one up. */
export const CORE_DEPENDENCIES: Record<string, string[]> = {
  xstate: ['xstate'],
  ofetch: ['ofetch', 'destr', 'ufo'],
  dequal: ['dequal'],
};

export interface Breakdown {
  /** Gzipped bytes up front with every dependency left out: our own code. */
  ownCode: number;
  /** Up-front bytes each dependency group adds (the whole bundle minus the bundle without it). */
  marginal: Record<string, number>;
  /** Bytes that arrive only with the lazily imported chunks. */
  lazy: number;
}

/** Where an entry's bytes go, as marginal gzipped sizes (gzip is not additive, so no sum fits exactly). */
export async function measureBreakdown(entry: string, whole: BundleSize): Promise<Breakdown> {
  const groups = Object.entries(CORE_DEPENDENCIES).filter(([, packages]) =>
    packages.some((name) => whole.packages.includes(name)),
  );
  const marginal: Record<string, number> = {};
  for (const [name, packages] of groups)
    marginal[name] = whole.upFront - (await measureBundle(entry, packages)).upFront;
  const ownCode = (await measureBundle(entry, [...groups.flatMap(([, packages]) => packages), 'jose']))
    .upFront;
  return { ownCode, marginal, lazy: whole.allIn - whole.upFront };
}
