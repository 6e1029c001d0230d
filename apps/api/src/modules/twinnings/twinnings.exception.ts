import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the twinnings capability. */
export class TwinningsException extends AppException {
  static notFound(): TwinningsException {
    return new TwinningsException(
      HttpStatus.NOT_FOUND,
      'twinning_not_found',
      'Twinning not found',
      'No twinning has this id',
    );
  }

  static titleTaken(): TwinningsException {
    return new TwinningsException(
      HttpStatus.CONFLICT,
      'twinning_title_taken',
      'Title already used',
      'Another twinning already has this title',
      [{ field: 'title', message: 'is already used by another twinning' }],
    );
  }

  static organizationNotFound(field: string): TwinningsException {
    return new TwinningsException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'organization_not_found',
      'Unknown administration',
      `${field}: no administration has this id`,
      [{ field, message: 'no administration has this id' }],
    );
  }

  static offeringAlsoReceiving(): TwinningsException {
    return new TwinningsException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid request',
      'receivingOrganizationIds: must not contain the offering administration',
      [{ field: 'receivingOrganizationIds', message: 'must not contain the offering administration' }],
    );
  }
}
