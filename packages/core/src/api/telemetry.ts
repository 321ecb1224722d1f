import { VERSION } from './version.ts';

export interface Telemetry {
  name: string;
  version: string;
  env?: Record<string, string>;
}

export const defaultTelemetry: Telemetry = { name: '@passwordless-xstate/core', version: VERSION };

/** The `Auth0-Client` header value: base64url of the JSON, as auth0.js and Auth0.swift send it. */
export function encodeTelemetry(telemetry: Telemetry): string {
  const bytes = new TextEncoder().encode(JSON.stringify(telemetry));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
