// The only jose functions ID-token validation uses, imported by name: the dynamic import of this
// module lets a bundler keep just these (about 6 kB) instead of the whole package (about 20 kB).
export { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
