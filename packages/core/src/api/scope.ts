// `phone` so SMS logins get `phone_number` in the ID token, as `email` does for e-mail logins.
export const DEFAULT_SCOPE = 'openid profile email phone offline_access';

/** Without `openid` Auth0 returns no ID token, which the chart needs, so it is always added. */
export function withOpenid(scope: string | undefined): string {
  const parts = (scope ?? DEFAULT_SCOPE).split(/\s+/).filter(Boolean);
  const unique = [...new Set(parts)];
  return (unique.includes('openid') ? unique : ['openid', ...unique]).join(' ');
}
