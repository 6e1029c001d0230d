import { Injectable } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';

/** argon2id with the library's defaults (OWASP: m=64 MiB, t=3, p=4). */
@Injectable()
export class PasswordHasher {
  /** Verified against when the e-mail is unknown, so a miss takes as long as a wrong password. */
  private readonly decoy = hash('decoy-password-never-matches', { type: argon2id });

  hash(password: string): Promise<string> {
    return hash(password, { type: argon2id });
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }
}
