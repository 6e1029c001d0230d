import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the programmes capability; the problem-details filter renders them. */
export class ProgrammeException extends AppException {
  static notFound(id: string): ProgrammeException {
    return new ProgrammeException(
      HttpStatus.NOT_FOUND,
      'programme_not_found',
      'Programme not found',
      `No programme has id ${id}`,
    );
  }

  static codeTaken(code: string): ProgrammeException {
    return new ProgrammeException(
      HttpStatus.CONFLICT,
      'programme_code_taken',
      'Programme code already used',
      `Another programme already has the code "${code}"`,
      [{ field: 'code', message: 'is already used by another programme' }],
    );
  }

  static invalidPeriod(): ProgrammeException {
    return new ProgrammeException(
      HttpStatus.BAD_REQUEST,
      'invalid_programme_period',
      'Invalid programme period',
      'endDate: must not be before startDate',
      [{ field: 'endDate', message: 'must not be before startDate' }],
    );
  }
}
