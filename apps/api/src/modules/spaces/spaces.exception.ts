import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the spaces capability. */
export class SpacesException extends AppException {
  static spaceNotFound(): SpacesException {
    return new SpacesException(
      HttpStatus.NOT_FOUND,
      'space_not_found',
      'Space not found',
      'No space has this id',
    );
  }

  static spaceForbidden(): SpacesException {
    return new SpacesException(
      HttpStatus.FORBIDDEN,
      'space_forbidden',
      'Private space',
      'This space is reserved: only its invited members (or its lab’s participants) can read it',
    );
  }

  static forbidden(detail = 'You may not do this in this space'): SpacesException {
    return new SpacesException(HttpStatus.FORBIDDEN, 'forbidden', 'Forbidden', detail);
  }

  static nameTaken(): SpacesException {
    return new SpacesException(
      HttpStatus.CONFLICT,
      'space_name_taken',
      'Name already used',
      'Another space already has this name',
      [{ field: 'name', message: 'is already used by another space' }],
    );
  }

  static memberNotFound(): SpacesException {
    return new SpacesException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'member_not_found',
      'Unknown member',
      'memberId: no active member has this id',
      [{ field: 'memberId', message: 'no active member has this id' }],
    );
  }

  static notSpaceMember(): SpacesException {
    return new SpacesException(
      HttpStatus.NOT_FOUND,
      'space_member_not_found',
      'Not a member of the space',
      'This member has no role in this space',
    );
  }

  /** A coaching space belongs to its working group: its visibility does not change. */
  static coachingFixed(): SpacesException {
    return new SpacesException(
      HttpStatus.CONFLICT,
      'coaching_space_fixed',
      'Coaching space',
      'A coaching space stays private to its working group and tutors: its visibility cannot change',
    );
  }

  static twinningFixed(): SpacesException {
    return new SpacesException(
      HttpStatus.CONFLICT,
      'twinning_space_fixed',
      'Twinning space',
      'A twinning space stays private to the twinning’s administrations: its visibility cannot change',
    );
  }

  /** `visibility: lab` names no lab, or `labId` comes with another visibility. */
  static labIdMismatch(message: string): SpacesException {
    return new SpacesException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid request',
      `labId: ${message}`,
      [{ field: 'labId', message }],
    );
  }

  static labNotFound(): SpacesException {
    return new SpacesException(
      HttpStatus.BAD_REQUEST,
      'lab_not_found',
      'Unknown lab',
      'labId: no lab has this id',
      [{ field: 'labId', message: 'no lab has this id' }],
    );
  }

  static onlyAdminsAppoint(): SpacesException {
    return new SpacesException(
      HttpStatus.FORBIDDEN,
      'forbidden',
      'Forbidden',
      'Only administrators appoint or remove space moderators',
    );
  }
}
