// The instrument itself: that it counts what it claims to count and resolves what a user installs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCountingFetch } from '../src/counting-fetch.ts';
import { createPublishedResolver, NODE_CONDITIONS, UnbuiltPackageError } from '../src/published.ts';
import { measureBundle } from '../src/sizes.ts';
import { percentile } from '../src/stats.ts';
import { markdownTable } from '../src/table.ts';

describe('counting fetch', () => {
  const server = createServer((request, response) => {
    response.statusCode = request.url === '/missing' ? 404 : 200;
    response.end('{}');
  });
  let origin = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('records method, path and status of every request, and nothing of the body', async () => {
    const counter = createCountingFetch();
    await (
      await counter.fetch(`${origin}/oauth/token?x=1`, { method: 'post', body: '{"otp":"123456"}' })
    ).text();
    await (await counter.fetch(new Request(`${origin}/missing`))).text();
    expect(counter.requests).toEqual([
      { method: 'POST', path: '/oauth/token', status: 200 },
      { method: 'GET', path: '/missing', status: 404 },
    ]);
    expect(JSON.stringify(counter.requests)).not.toContain('123456');
    counter.reset();
    expect(counter.requests).toEqual([]);
  });
});

describe('published resolver', () => {
  const root = mkdtempSync(join(tmpdir(), 'pwl-bench-test-'));
  const pkg = join(root, 'core');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: '@passwordless-xstate/core',
      exports: { '.': './src/index.ts', './inspect': './src/inspect.ts' },
      publishConfig: {
        exports: {
          '.': { types: './dist/index.d.ts', default: './dist/index.js' },
          './inspect': { types: './dist/inspect.d.ts', import: './dist/inspect.js' },
          './diagram': { default: './dist/diagram.js' },
        },
      },
    }),
  );
  writeFileSync(join(pkg, 'dist', 'index.js'), 'export {};');
  writeFileSync(join(pkg, 'dist', 'inspect.js'), 'export {};');
  const resolve = createPublishedResolver(root, NODE_CONDITIONS);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('maps the package and its subpaths to the published dist, not the workspace src', () => {
    expect(resolve('@passwordless-xstate/core')).toBe(join(pkg, 'dist', 'index.js'));
    expect(resolve('@passwordless-xstate/core/inspect')).toBe(join(pkg, 'dist', 'inspect.js'));
  });

  it('leaves other packages alone and refuses what is not exported or not built', () => {
    expect(resolve('xstate')).toBeUndefined();
    expect(resolve('@passwordless-xstate/unknown')).toBeUndefined();
    expect(() => resolve('@passwordless-xstate/core/internal')).toThrow(UnbuiltPackageError);
    expect(() => resolve('@passwordless-xstate/core/diagram')).toThrow(/not built/);
  });
});

describe('bundle sizes', () => {
  it('counts a dynamically imported package in all-in only', async () => {
    const size = await measureBundle(fileURLToPath(new URL('./fixtures/lazy-entry.ts', import.meta.url)));
    expect(size.upFront).toBeGreaterThan(1000);
    expect(size.allIn).toBeGreaterThan(size.upFront);
    expect(size.packages).toContain('xstate');
    expect(size.packages).not.toContain('ofetch');
    expect(size.lazyPackages).toContain('ofetch');
  }, 60_000);
});

describe('statistics and the table', () => {
  it('takes percentiles by rank', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile([], 50)).toBeNaN();
  });

  it('renders one markdown row per figure with the verdict against its target', () => {
    const table = markdownTable([
      { area: 'size', measure: 'a | b', value: '1 B', target: '≤ 2 B', met: true },
      { area: 'size', measure: 'c', value: '3 B', target: '≤ 2 B', met: false },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain('a \\| b');
    expect(lines[2]).toMatch(/\| yes +\|$/);
    expect(lines[3]).toContain('**no**');
  });
});
