import { HttpStatus } from '@nestjs/common';
import type { DeliverableStatus } from '@convergo/contracts';
import { AppException } from '../../common/app.exception';

/** Coded errors of the deliverables capability. */
export class DeliverablesException extends AppException {
  static notFound(): DeliverablesException {
    return new DeliverablesException(
      HttpStatus.NOT_FOUND,
      'deliverable_not_found',
      'Deliverable not found',
      'No deliverable you may see has this id',
    );
  }

  static labNotFound(): DeliverablesException {
    return new DeliverablesException(
      HttpStatus.NOT_FOUND,
      'lab_not_found',
      'Lab not found',
      'No lab has this id',
    );
  }

  static forbidden(detail: string): DeliverablesException {
    return new DeliverablesException(HttpStatus.FORBIDDEN, 'deliverable_forbidden', 'Forbidden', detail);
  }

  static groupNotInLab(): DeliverablesException {
    return new DeliverablesException(
      HttpStatus.BAD_REQUEST,
      'lab_group_not_found',
      'Unknown working group',
      'groupId: this lab has no working group with this id',
      [{ field: 'groupId', message: 'this lab has no working group with this id' }],
    );
  }

  static moduleNotInLab(): DeliverablesException {
    return new DeliverablesException(
      HttpStatus.BAD_REQUEST,
      'lab_module_not_found',
      'Unknown module',
      'moduleId: this lab has no module with this id',
      [{ field: 'moduleId', message: 'this lab has no module with this id' }],
    );
  }

  static transitionNotAllowed(from: DeliverableStatus, to: DeliverableStatus): DeliverablesException {
    return new DeliverablesException(
      HttpStatus.CONFLICT,
      'deliverable_transition_not_allowed',
      'Not allowed in this state',
      `A deliverable in status ${from} cannot become ${to}`,
    );
  }
}
