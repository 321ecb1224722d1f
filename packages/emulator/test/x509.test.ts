import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../src/x509.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('the self-signed certificate', () => {
  // Random serials start with a zero byte once in 128 times; the non-minimal encoding of those made
  // OpenSSL 3 refuse the certificate ("PEM routines::no start line"), and the emulator not start.
  it.each([
    [
      'a zero first byte',
      Buffer.from('00123456789abcdef0123456789abcde', 'hex'),
      '123456789ABCDEF0123456789ABCDE',
    ],
    ['two zero bytes', Buffer.from('0000ff', 'hex'), 'FF'],
    ['a high first bit', Buffer.from('80010203', 'hex'), '80010203'],
    ['no leading zero', Buffer.from('7f0102', 'hex'), '7F0102'],
  ])('parses, with %s in its serial number', (_, serialNumber, expected) => {
    const der = createSelfSignedCertificate({ privateKey, commonName: 'test', serialNumber });
    const certificate = new X509Certificate(der);
    expect(certificate.serialNumber).toBe(expected);
    expect(certificate.verify(publicKey)).toBe(true);
    expect(certificate.subject).toBe('CN=test');
  });

  it('parses with the random serial numbers it makes by default', () => {
    for (let index = 0; index < 200; index += 1) {
      const der = createSelfSignedCertificate({ privateKey, commonName: 'test' });
      expect(() => new X509Certificate(der)).not.toThrow();
    }
  });
});
