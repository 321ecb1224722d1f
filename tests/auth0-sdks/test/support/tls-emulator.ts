import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import {
  createSelfSignedCertificate,
  startEmulator,
  type EmulatorConfigInput,
  type RunningEmulator,
} from '@passwordless-xstate/emulator';

export interface TlsEmulator {
  /** On real time: the SDKs check token times against their own clock. */
  emulator: RunningEmulator;
  /** `https://127.0.0.1:PORT`, the proxy in front of the emulator. */
  origin: string;
  /** What Auth0's SDKs call the domain: `127.0.0.1:PORT`, no scheme. */
  domain: string;
  /** The proxy's self-signed certificate (PEM), for a browser or a client that must trust it. */
  certificate: string;
  close(): Promise<void>;
}

/**
 * The emulator behind a TLS proxy, because Auth0's SDKs build `https://{domain}` URLs. The proxy's
 * certificate is made here for 127.0.0.1 and added to this process's trusted CAs (fetch included);
 * the emulator's issuer is the proxy's origin, so discovery and the tokens name the URL the SDK uses.
 */
export async function startTlsEmulator(config: EmulatorConfigInput = {}): Promise<TlsEmulator> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = createSelfSignedCertificate({ privateKey, commonName: '127.0.0.1', altNames: ['127.0.0.1'] });
  const certificate = new X509Certificate(der).toString();
  let upstream = '';
  const proxy = createServer(
    { key: privateKey.export({ type: 'pkcs8', format: 'pem' }), cert: certificate },
    (incoming, outgoing) => {
      const forwarded = httpRequest(
        `${upstream}${incoming.url ?? '/'}`,
        { method: incoming.method, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', () => outgoing.writeHead(502).end());
      incoming.pipe(forwarded);
    },
  );
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const domain = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const origin = `https://${domain}`;
  const emulator = await startEmulator({ port: 0, log: false, config: { ...config, issuer: origin } });
  upstream = emulator.url;
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), certificate]);
  return {
    emulator,
    origin,
    domain,
    certificate,
    close: async () => {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await emulator.close();
    },
  };
}
