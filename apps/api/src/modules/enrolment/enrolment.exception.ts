import { HttpStatus } from '@nestjs/common';
import type { LabApplicationStatus } from '@convergo/contracts';
import { AppException } from '../../common/app.exception';

/** Coded errors of enrolment (lab applications). */
export class EnrolmentException extends AppException {
  static labNotFound(): EnrolmentException {
    return new EnrolmentException(
      HttpStatus.NOT_FOUND,
      'lab_not_found',
      'Lab not found',
      'No lab has this id',
    );
  }

  static applicationNotFound(): EnrolmentException {
    return new EnrolmentException(
      HttpStatus.NOT_FOUND,
      'lab_application_not_found',
      'Application not found',
      'No application you may see has this id',
    );
  }

  static forbidden(detail: string): EnrolmentException {
    return new EnrolmentException(HttpStatus.FORBIDDEN, 'lab_application_forbidden', 'Forbidden', detail);
  }

  static organizationNotFound(): EnrolmentException {
    return new EnrolmentException(
      HttpStatus.BAD_REQUEST,
      'organization_not_found',
      'Unknown administration',
      'organizationId: no administration has this id',
      [{ field: 'organizationId', message: 'no administration has this id' }],
    );
  }

  static notOfficials(): EnrolmentException {
    return new EnrolmentException(
      HttpStatus.BAD_REQUEST,
      'not_officials_of_organization',
      'Not officials of the administration',
      'memberIds: every member must be an active official of the applying administration',
      [{ field: 'memberIds', message: 'must all be active officials of the applying administration' }],
    );
  }

  static labNotOpen(status: string): EnrolmentException {
    return new EnrolmentException(
      HttpStatus.CONFLICT,
      'lab_not_open',
      'Enrolment closed',
      `The lab is ${status}: applications are taken only while it is open`,
    );
  }

  static pendingExists(): EnrolmentException {
    return new EnrolmentException(
      HttpStatus.CONFLICT,
      'lab_application_pending',
      'Application already pending',
      'This administration already has a pending application to this lab',
    );
  }

  static alreadyDecided(status: LabApplicationStatus): EnrolmentException {
    return new EnrolmentException(
      HttpStatus.CONFLICT,
      'lab_application_decided',
      'Already decided',
      `This application is already ${status}`,
    );
  }

  static labFull(capacity: number, participants: number, requested: number): EnrolmentException {
    return new EnrolmentException(
      HttpStatus.CONFLICT,
      'lab_full',
      'Not enough places',
      `The lab has ${capacity} places, ${participants} taken: ${requested} more do not fit`,
    );
  }
}
