import { describe, expect, it } from 'vitest';
import { request, startEmail, useEmulator } from './helpers.ts';

const allowed = 'http://localhost:5173';
const corsHeaders = (headers: Headers) =>
  Object.fromEntries([...headers].filter(([name]) => name.startsWith('access-control-')));

describe('CORS', () => {
  const emulator = useEmulator({ allowedOrigins: ['https://app.example.test'] });

  it('echoes an allowed origin and exposes the rate-limit headers on a real request', async () => {
    const reply = await startEmail(emulator(), 'alice@example.com', {}, { origin: allowed });
    expect(reply.status).toBe(200);
    expect(corsHeaders(reply.headers)).toEqual({
      'access-control-allow-origin': allowed,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': expect.stringContaining('x-ratelimit-remaining'),
    });
    expect(reply.headers.get('access-control-expose-headers')).toContain('www-authenticate');
    expect(reply.headers.get('vary')).toContain('Origin');
  });

  it('adds CORS headers to error answers too', async () => {
    const reply = await request(emulator(), 'POST', '/oauth/token', {
      json: {},
      headers: { origin: allowed },
    });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('access-control-allow-origin')).toBe(allowed);
  });

  it('answers a preflight from an allowed origin', async () => {
    const reply = await request(emulator(), 'OPTIONS', '/passwordless/start', {
      headers: {
        origin: allowed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(reply.status).toBe(204);
    expect(corsHeaders(reply.headers)).toMatchObject({
      'access-control-allow-origin': allowed,
      'access-control-allow-methods': expect.stringContaining('POST'),
      'access-control-allow-headers': expect.stringContaining('content-type'),
    });
  });

  it('allows the extra origins of the config', async () => {
    const reply = await request(emulator(), 'GET', '/.well-known/jwks.json', {
      headers: { origin: 'https://app.example.test' },
    });
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
  });

  it('gives a foreign origin no CORS headers at all, on requests and preflights', async () => {
    for (const origin of ['https://evil.example', 'http://localhost.evil.example:5173']) {
      const real = await startEmail(emulator(), 'alice@example.com', {}, { origin });
      expect(real.status).toBe(200);
      expect(corsHeaders(real.headers)).toEqual({});
      const preflight = await request(emulator(), 'OPTIONS', '/passwordless/start', {
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(corsHeaders(preflight.headers)).toEqual({});
    }
  });
});
