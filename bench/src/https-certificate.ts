// A self-signed localhost certificate for simulacrum, in a throwaway HOME (openssl from the OS).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayHome {
  home: string;
  /** PEM of the certificate, to trust it in the load generator only. */
  ca: string;
  remove(): void;
}

export function createCertificateHome(): ThrowawayHome | { error: string } {
  const home = mkdtempSync(join(tmpdir(), 'pwl-bench-home-'));
  const certs = join(home, '.simulacrum', 'certs');
  mkdirSync(certs, { recursive: true });
  const result = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      join(certs, 'localhost-key.pem'),
      '-out',
      join(certs, 'localhost.pem'),
    ],
    { encoding: 'utf8' },
  );
  if (result.error || result.status !== 0) {
    rmSync(home, { recursive: true, force: true });
    return {
      error: `openssl could not make a certificate (${result.error?.message ?? result.stderr.trim()})`,
    };
  }
  return {
    home,
    ca: readFileSync(join(certs, 'localhost.pem'), 'utf8'),
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}
