import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the labs capability. */
export class LabsException extends AppException {
  static labNotFound(): LabsException {
    return new LabsException(HttpStatus.NOT_FOUND, 'lab_not_found', 'Lab not found', 'No lab has this id');
  }

  static groupNotFound(): LabsException {
    return new LabsException(
      HttpStatus.NOT_FOUND,
      'lab_group_not_found',
      'Working group not found',
      'This lab has no working group with this id',
    );
  }

  static forbidden(detail = 'Only administrators and the tutors of this lab may do this'): LabsException {
    return new LabsException(HttpStatus.FORBIDDEN, 'forbidden', 'Forbidden', detail);
  }

  static rosterForbidden(): LabsException {
    return new LabsException(
      HttpStatus.FORBIDDEN,
      'lab_forbidden',
      'Not in this lab',
      'Only the participants and tutors of this lab (and administrators) see its roster and groups',
    );
  }

  static onlyAdminsAppointTutors(): LabsException {
    return new LabsException(
      HttpStatus.FORBIDDEN,
      'forbidden',
      'Forbidden',
      'Only administrators appoint or remove the tutors of a lab',
    );
  }

  static titleTaken(): LabsException {
    return new LabsException(
      HttpStatus.CONFLICT,
      'lab_title_taken',
      'Title already used',
      'Another lab already has this title',
      [{ field: 'title', message: 'is already used by another lab' }],
    );
  }

  static groupNameTaken(): LabsException {
    return new LabsException(
      HttpStatus.CONFLICT,
      'lab_group_name_taken',
      'Name already used',
      'Another working group of this lab has this name',
      [{ field: 'name', message: 'is already used by another group of this lab' }],
    );
  }

  static programmeNotFound(): LabsException {
    return new LabsException(
      HttpStatus.BAD_REQUEST,
      'programme_not_found',
      'Unknown programme',
      'programmeId: no programme has this id',
      [{ field: 'programmeId', message: 'no programme has this id' }],
    );
  }

  static memberNotFound(): LabsException {
    return new LabsException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'member_not_found',
      'Unknown member',
      'memberId: no active member has this id',
      [{ field: 'memberId', message: 'no active member has this id' }],
    );
  }

  static notParticipant(field = 'memberId'): LabsException {
    return new LabsException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'not_lab_participant',
      'Not a participant of the lab',
      `${field}: only participants and tutors of this lab may join its working groups`,
      [{ field, message: 'is not a participant or tutor of this lab' }],
    );
  }

  static participantNotFound(): LabsException {
    return new LabsException(
      HttpStatus.NOT_FOUND,
      'lab_participant_not_found',
      'Not in the lab',
      'This member has no role in this lab',
    );
  }

  static groupMemberNotFound(): LabsException {
    return new LabsException(
      HttpStatus.NOT_FOUND,
      'lab_group_member_not_found',
      'Not in the group',
      'This member is not in this working group',
    );
  }

  static fieldForbidden(field: string): LabsException {
    return new LabsException(
      HttpStatus.FORBIDDEN,
      'lab_field_forbidden',
      'Only administrators change this field',
      `${field}: the tutors of a lab change its description, objectives, expected results and target administrations`,
      [{ field, message: 'only administrators change this field' }],
    );
  }

  static statusTransitionNotAllowed(from: string, to: string): LabsException {
    return new LabsException(
      HttpStatus.CONFLICT,
      'lab_status_transition_not_allowed',
      'Status change not allowed',
      `A lab in status ${from} cannot move to ${to} (see LAB_STATUS_TRANSITIONS)`,
      [{ field: 'status', message: `cannot move from ${from} to ${to}` }],
    );
  }

  static moduleNotFound(): LabsException {
    return new LabsException(
      HttpStatus.NOT_FOUND,
      'lab_module_not_found',
      'Module not found',
      'No lab module has this id',
    );
  }
}
