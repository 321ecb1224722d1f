import { checkOrigin, readForm } from '../http.ts';
import type { RequestContext } from '../request-context.ts';
import { advance, currentFlow } from './advance.ts';

const CALLBACK_FIELDS = ['code', 'state', 'error', 'error_description'] as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}button{font:inherit;padding:.6rem 1.2rem}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The code is in this page's URL: never send it to another site, never show it inside one.
      // (`same-origin`, not `no-referrer`: with that, the form's own POST would say `Origin: null`.)
      'referrer-policy': 'same-origin',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      'x-frame-options': 'DENY',
    },
  });
}

/**
 * `GET {basePath}/callback`: where the magic link lands. It only shows a button that posts the code
 * back, because mail scanners open links before people do and must not burn the one-time code.
 */
export function getCallback(context: RequestContext): Response {
  const fields = CALLBACK_FIELDS.flatMap((name) => {
    const value = context.url.searchParams.get(name);
    return value === null ? [] : [`<input type="hidden" name="${name}" value="${escapeHtml(value)}">`];
  });
  return page(
    'Finish signing in',
    `<p>You opened your sign-in link. Continue to sign in on this device.</p><form method="post" action="${escapeHtml(`${context.options.basePath}/callback`)}">${fields.join('')}<button type="submit">Continue signing in</button></form>`,
  );
}

/** `POST {basePath}/callback`: hands the link's result to the flow of this browser, then back to the app. */
export async function postCallback(context: RequestContext): Promise<Response> {
  checkOrigin(context.request, context.trustedOrigins);
  const form = await readForm(context.request);
  const flow = await currentFlow(context);
  if (!flow) {
    return page(
      'Open the link where you asked for it',
      '<p role="alert">This sign-in link belongs to another browser or device, or the sign-in has expired. Open it in the browser where you asked for it, or enter the code from the message there, or request a new link here.</p><p><a href="/">Back to the app</a></p>',
      400,
    );
  }
  const query = new URLSearchParams();
  for (const name of CALLBACK_FIELDS) {
    const value = form.get(name);
    if (value !== null) query.set(name, value);
  }
  const callbackUrl = `${context.redirectUri}?${query.toString()}`;
  await advance(context, flow, [{ type: 'MAGIC_LINK_CALLBACK', callbackUrl }], flow.record.version);
  const response = new Response(null, {
    status: 303,
    headers: { location: context.options.afterCallbackPath, 'cache-control': 'no-store' },
  });
  for (const cookie of context.setCookies) response.headers.append('set-cookie', cookie);
  return response;
}
