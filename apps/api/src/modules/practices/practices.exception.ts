import { HttpStatus } from '@nestjs/common';
import type { PracticeAction, PracticeStatus } from '@convergo/contracts';
import { AppException } from '../../common/app.exception';

/** Coded errors of the practices capability. */
export class PracticesException extends AppException {
  static notFound(): PracticesException {
    return new PracticesException(
      HttpStatus.NOT_FOUND,
      'practice_not_found',
      'Practice not found',
      'No practice you may read has this id',
    );
  }

  static forbidden(detail: string): PracticesException {
    return new PracticesException(HttpStatus.FORBIDDEN, 'forbidden', 'Forbidden', detail);
  }

  static organizationNotFound(): PracticesException {
    return new PracticesException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'organization_not_found',
      'Unknown administration',
      'offeringOrganizationId: no administration has this id',
      [{ field: 'offeringOrganizationId', message: 'no administration has this id' }],
    );
  }

  static transitionNotAllowed(from: PracticeStatus, action: PracticeAction): PracticesException {
    return new PracticesException(
      HttpStatus.CONFLICT,
      'practice_transition_not_allowed',
      'Not allowed in this state',
      `A practice in status ${from} cannot be moved by ${action}`,
    );
  }

  static notEditable(status: PracticeStatus): PracticesException {
    return new PracticesException(
      HttpStatus.CONFLICT,
      'practice_not_editable',
      'Not editable in this state',
      `A practice in status ${status} is edited by the editors only`,
    );
  }

  static deliverableNotApproved(): PracticesException {
    return new PracticesException(
      HttpStatus.CONFLICT,
      'deliverable_not_approved',
      'Deliverable not approved',
      'fromDeliverableId: only an approved lab deliverable can be proposed as a practice',
      [{ field: 'fromDeliverableId', message: 'must be an approved deliverable' }],
    );
  }

  static invalidPeriod(): PracticesException {
    return new PracticesException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid request',
      'period: from must not be after to',
      [{ field: 'period', message: 'from must not be after to' }],
    );
  }

  static missingField(field: string): PracticesException {
    return new PracticesException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid request',
      `${field}: is required (unless proposed from a deliverable)`,
      [{ field, message: 'is required' }],
    );
  }
}
