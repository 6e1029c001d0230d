import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: for invitation links and refresh tokens. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** High-entropy tokens need no slow hash: SHA-256 keeps a stolen table useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
