import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

export class AuthException extends AppException {
  static invalidCredentials(): AuthException {
    return new AuthException(
      HttpStatus.UNAUTHORIZED,
      'invalid_credentials',
      'Invalid credentials',
      'E-mail or password is wrong',
    );
  }

  static unauthenticated(): AuthException {
    return new AuthException(
      HttpStatus.UNAUTHORIZED,
      'unauthenticated',
      'Authentication required',
      'A valid access token is required',
    );
  }

  static invalidRefreshToken(): AuthException {
    return new AuthException(
      HttpStatus.UNAUTHORIZED,
      'invalid_refresh_token',
      'Invalid refresh token',
      'The refresh token is unknown, expired or revoked: log in again',
    );
  }

  static accountDisabled(): AuthException {
    return new AuthException(
      HttpStatus.FORBIDDEN,
      'account_disabled',
      'Account disabled',
      'This account has been disabled',
    );
  }
}
