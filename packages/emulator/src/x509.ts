import { createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';

/*
 * A self-signed X.509 v3 certificate, DER-encoded by hand: Auth0 publishes one per signing key in
 * the JWKS (`x5c`), and a test that puts the emulator behind TLS needs one too. node:crypto can sign
 * and parse certificates but not build them; the structure (RFC 5280) is small enough to write here.
 */

const tlv = (tag: number, content: Buffer): Buffer => {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) header = Buffer.from([tag, length]);
  else {
    const bytes: number[] = [];
    for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
};

const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const explicit = (tagNumber: number, content: Buffer) => tlv(0xa0 + tagNumber, content);
/**
 * A non-negative INTEGER in DER's one encoding: no leading zero bytes (OpenSSL 3 refuses a
 * certificate whose serial number has one), and one zero byte before a high first bit.
 */
function integer(value: Buffer): Buffer {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start += 1;
  const minimal = value.subarray(start);
  return tlv(0x02, minimal[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}
const bitString = (content: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), content]));
const octetString = (content: Buffer) => tlv(0x04, content);
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const boolean = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0]));

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const part of rest) {
    const chunk = [part & 0x7f];
    for (let value = part >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 §4.1.2.5 requires. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}

const sha256WithRsa = sequence(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0)));
const name = (commonName: string) => sequence(set(sequence(oid('2.5.4.3'), utf8(commonName))));

function subjectAltName(names: readonly string[]): Buffer {
  const general = names.map((entry) => {
    if (isIP(entry) === 4) return tlv(0x87, Buffer.from(entry.split('.').map(Number)));
    return tlv(0x82, Buffer.from(entry, 'ascii'));
  });
  return sequence(oid('2.5.29.17'), octetString(sequence(...general)));
}

export interface SelfSignedCertificateOptions {
  /** An RSA private key; the certificate is signed with RS256 (sha256WithRSAEncryption). */
  privateKey: KeyObject;
  commonName: string;
  /** DNS names and IPv4 addresses for `subjectAltName`, which TLS clients check the host against. */
  altNames?: readonly string[];
  notBefore?: Date;
  notAfter?: Date;
  /** Default 16 random bytes (RFC 5280 §4.1.2.2: positive, at most 20 bytes). */
  serialNumber?: Buffer;
}

/** A DER-encoded self-signed certificate for the key (PEM: `new X509Certificate(der).toString()`). */
export function createSelfSignedCertificate(options: SelfSignedCertificateOptions): Buffer {
  const notBefore = options.notBefore ?? new Date(Date.now() - 24 * 3600 * 1000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 10 * 365 * 24 * 3600 * 1000);
  const serial = options.serialNumber ?? randomBytes(16);
  const spki = createPublicKey(options.privateKey).export({ type: 'spki', format: 'der' });
  const extensions = [
    sequence(oid('2.5.29.19'), boolean(true), octetString(sequence(boolean(true)))),
    ...(options.altNames?.length ? [subjectAltName(options.altNames)] : []),
  ];
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    sha256WithRsa,
    name(options.commonName),
    sequence(time(notBefore), time(notAfter)),
    name(options.commonName),
    spki,
    explicit(3, sequence(...extensions)),
  );
  return sequence(tbs, sha256WithRsa, bitString(sign('sha256', tbs, options.privateKey)));
}
