import { HttpStatus } from '@nestjs/common';
import type { TwinningStatus } from '@convergo/contracts';
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

  static forbidden(detail: string): TwinningsException {
    return new TwinningsException(HttpStatus.FORBIDDEN, 'forbidden', 'Forbidden', detail);
  }

  static transitionNotAllowed(from: TwinningStatus, to: TwinningStatus): TwinningsException {
    return new TwinningsException(
      HttpStatus.CONFLICT,
      'twinning_transition_not_allowed',
      'Not allowed in this state',
      `A twinning in status ${from} cannot move to ${to}`,
    );
  }

  static practiceNotPublished(): TwinningsException {
    return new TwinningsException(
      HttpStatus.CONFLICT,
      'practice_not_published',
      'Practice not published',
      'Twinnings are requested on published practices only',
    );
  }

  static alreadyRequested(): TwinningsException {
    return new TwinningsException(
      HttpStatus.CONFLICT,
      'twinning_already_requested',
      'Already requested',
      'This administration already has an open twinning on this practice',
    );
  }

  static endsBeforeStart(): TwinningsException {
    return new TwinningsException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid request',
      'plannedEnd: must not be before plannedStart',
      [{ field: 'plannedEnd', message: 'must not be before plannedStart' }],
    );
  }

  static activityNotFound(): TwinningsException {
    return new TwinningsException(
      HttpStatus.NOT_FOUND,
      'twinning_activity_not_found',
      'Activity not found',
      'No twinning activity has this id',
    );
  }
}
