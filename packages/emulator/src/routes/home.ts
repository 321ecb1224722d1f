import { escapeHtml, html } from '../respond.ts';
import type { Router } from '../router.ts';
import type { EmulatorState } from '../state.ts';

const links = [
  ['/__dev', 'Dev outbox', 'codes, magic links and push notifications that would have been sent'],
  ['/.well-known/openid-configuration', 'OIDC discovery', 'every endpoint, on the issuer’s origin'],
  ['/.well-known/jwks.json', 'JWKS', 'the RS256 key that signs ID and access tokens'],
] as const;

/** Someone who opens the emulator's URL in a browser lands here instead of on a JSON 404. */
export function registerHome(router: Router): void {
  router.on('GET', '/', ({ state }) => html(homePage(state)));
}

function homePage(state: EmulatorState): string {
  const title = `${escapeHtml(state.config.tenantName)} — Auth0 emulator`;
  const items = links
    .map(([path, name, about]) => `  <li><a href="${path}">${name}</a> — ${about}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 40rem; padding: 0 1rem; color: #1c1d21; }
  h1 { font-size: 1.4rem; }
  code { background: #f2f3f7; padding: .1rem .35rem; border-radius: 4px; }
</style>
</head>
<body>
<h1>${title}</h1>
<p>A local, Auth0-compatible server for passwordless login and the MFA API. Issuer: <code>${escapeHtml(state.issuer)}</code></p>
<ul>
${items}
</ul>
</body>
</html>`;
}
