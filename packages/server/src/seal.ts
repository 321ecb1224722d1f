import { hkdfSync } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from 'jose';

/** One key of the server's secret: `kid` names it in every sealed value, so old ones still open. */
export interface ServerSecret {
  kid: string;
  secret: string;
}

/** What a sealed value is for; each purpose has its own key, so one can never pass for another. */
export type SealPurpose = 'flow-record' | 'session-cookie' | 'pending-revocation';

const MIN_SECRET_BYTES = 32;

export function parseSecrets(secret: string | ServerSecret[]): ServerSecret[] {
  const secrets = typeof secret === 'string' ? [{ kid: '1', secret }] : secret;
  if (secrets.length === 0) throw new TypeError('createPasswordlessServer: `secret` needs at least one key.');
  for (const { kid, secret: value } of secrets) {
    if (new TextEncoder().encode(value).length < MIN_SECRET_BYTES) {
      throw new TypeError(
        `createPasswordlessServer: secret "${kid}" is shorter than ${MIN_SECRET_BYTES} bytes; generate one with \`openssl rand -base64 32\`.`,
      );
    }
  }
  return secrets;
}

const keyCache = new WeakMap<ServerSecret, Map<SealPurpose, Uint8Array>>();

function keyFor(secret: ServerSecret, purpose: SealPurpose): Uint8Array {
  let byPurpose = keyCache.get(secret);
  if (!byPurpose) keyCache.set(secret, (byPurpose = new Map()));
  let key = byPurpose.get(purpose);
  if (!key) {
    key = new Uint8Array(hkdfSync('sha256', secret.secret, 'passwordless-xstate', purpose, 32));
    byPurpose.set(purpose, key);
  }
  return key;
}

/** JSON encrypted and authenticated with the first secret (compact JWE, `dir` + `A256GCM`). */
export async function seal(secrets: ServerSecret[], purpose: SealPurpose, value: unknown): Promise<string> {
  const [current] = secrets as [ServerSecret];
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(value)))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: current.kid })
    .encrypt(keyFor(current, purpose));
}

/** The value, or `null` for anything forged, damaged, sealed for another purpose or by an unknown key. */
export async function unseal(
  secrets: ServerSecret[],
  purpose: SealPurpose,
  sealed: string,
): Promise<unknown> {
  try {
    const { kid } = decodeProtectedHeader(sealed);
    const secret = secrets.find((candidate) => candidate.kid === kid);
    if (!secret) return null;
    const { plaintext } = await compactDecrypt(sealed, keyFor(secret, purpose), {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    return JSON.parse(new TextDecoder().decode(plaintext)) as unknown;
  } catch {
    return null;
  }
}
