import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../../../scripts/chromium.mjs';

/** auth0.js as published (the UMD build a page loads with a script tag). */
const auth0Js = new URL('../../node_modules/auth0-js/dist/auth0.min.js', import.meta.url);

const page = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script src="/auth0.min.js"></script></head><body><h1>${title}</h1></body></html>`;

/** A page origin of its own (http://127.0.0.1:PORT) with `/` and `/callback`, both loading auth0.js. */
export async function startAppServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const script = await readFile(auth0Js);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://app.invalid').pathname;
    if (path === '/auth0.min.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (path === '/' || path === '/callback') {
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(page(path === '/' ? 'App' : 'Callback'));
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Chromium as the e2e suite finds it (scripts/chromium.mjs): CHROMIUM_PATH, else Playwright's own
 * build, else Debian's /usr/bin/chromium.
 */
export function launchChromium(): Promise<Browser> {
  const found = findChromium();
  if ('error' in found) throw new Error(found.error);
  return chromium.launch({
    ...(found.executablePath ? { executablePath: found.executablePath } : {}),
    args: CHROMIUM_ARGS,
  });
}
