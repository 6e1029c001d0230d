import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of needs and matching. */
export class MatchingException extends AppException {
  static organizationNotFound(): MatchingException {
    return new MatchingException(
      HttpStatus.NOT_FOUND,
      'organization_not_found',
      'Administration not found',
      'No administration has this id',
    );
  }

  static forbidden(): MatchingException {
    return new MatchingException(
      HttpStatus.FORBIDDEN,
      'forbidden',
      'Forbidden',
      'Only the referent of this administration (or an admin) declares its needs',
    );
  }
}
