import { htmlPage } from '../html-page.ts';
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
  const items = links
    .map(([path, name, about]) => `  <li><a href="${path}">${name}</a> — ${about}</li>`)
    .join('\n');
  return htmlPage({
    title: `${state.config.tenantName} — Auth0 emulator`,
    maxWidth: '40rem',
    body: `<p>A local, Auth0-compatible server for passwordless login and the MFA API. Issuer: <code>${escapeHtml(state.issuer)}</code></p>
<ul>
${items}
</ul>`,
  });
}
