import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

export class MembersException extends AppException {
  static memberNotFound(): MembersException {
    return new MembersException(
      HttpStatus.NOT_FOUND,
      'member_not_found',
      'Member not found',
      'No member has this id',
    );
  }

  static emailTaken(field = 'email'): MembersException {
    return new MembersException(
      HttpStatus.CONFLICT,
      'email_taken',
      'E-mail already registered',
      'A member with this e-mail already exists',
      [{ field, message: 'is already registered' }],
    );
  }

  static organizationNotFound(): MembersException {
    return new MembersException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'organization_not_found',
      'Unknown organisation',
      'organizationId: no organisation has this id',
      [{ field: 'organizationId', message: 'no organisation has this id' }],
    );
  }

  static invitationInvalid(): MembersException {
    return new MembersException(
      HttpStatus.GONE,
      'invitation_invalid',
      'Invitation not valid',
      'This invitation link is unknown, expired, revoked or already used: ask for a new one',
    );
  }

  static invitationNotFound(): MembersException {
    return new MembersException(
      HttpStatus.NOT_FOUND,
      'invitation_not_found',
      'Invitation not found',
      'No invitation has this id',
    );
  }

  static requestPending(): MembersException {
    return new MembersException(
      HttpStatus.CONFLICT,
      'access_request_pending',
      'Request already pending',
      'An access request for this e-mail is already waiting for approval',
      [{ field: 'email', message: 'already has a pending request' }],
    );
  }

  static requestNotFound(): MembersException {
    return new MembersException(
      HttpStatus.NOT_FOUND,
      'access_request_not_found',
      'Access request not found',
      'No access request has this id',
    );
  }

  static requestAlreadyDecided(): MembersException {
    return new MembersException(
      HttpStatus.CONFLICT,
      'access_request_decided',
      'Already decided',
      'This access request has already been approved or rejected',
    );
  }
}
