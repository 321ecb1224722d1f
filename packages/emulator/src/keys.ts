import { createHash, KeyObject, randomBytes, X509Certificate } from 'node:crypto';
import { exportJWK, generateKeyPair, type CryptoKey, type JSONWebKeySet } from 'jose';
import { createSelfSignedCertificate } from './x509.ts';

export interface SigningKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** As Auth0 publishes it: `kid`, `alg`, `use`, the modulus and exponent, and the certificate (`x5c`, `x5t`). */
  jwks: JSONWebKeySet;
  /** Encrypts the opaque access tokens issued without an `audience` (JWE `dir` + `A256GCM`). */
  opaqueTokenKey: Uint8Array;
}

let processKeys: Promise<SigningKeys> | undefined;

/**
 * One RS256 key per process, like one per tenant: generating a 2048-bit key costs ~100 ms, which
 * adds up when every test starts its own emulator.
 */
export function createSigningKeys(): Promise<SigningKeys> {
  processKeys ??= generateSigningKeys();
  return processKeys;
}

async function generateSigningKeys(): Promise<SigningKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  // Auth0's kids are opaque strings; a digest of the modulus keeps them stable per key.
  const kid = createHash('sha256')
    .update(jwk.n ?? '')
    .digest('base64url')
    .slice(0, 32);
  const certificate = createSelfSignedCertificate({
    privateKey: KeyObject.from(privateKey),
    commonName: 'passwordless-emulator',
  });
  // RFC 7517 §4.7–4.8: x5c is standard base64 DER, x5t the base64url SHA-1 thumbprint.
  const x5t = createHash('sha1').update(certificate).digest('base64url');
  new X509Certificate(certificate); // fails loudly here, not in a client, if the encoding were wrong
  return {
    kid,
    privateKey,
    publicKey,
    jwks: {
      keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig', x5c: [certificate.toString('base64')], x5t }],
    },
    opaqueTokenKey: new Uint8Array(randomBytes(32)),
  };
}
