import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the programme indicators; the problem-details filter renders them. */
export class IndicatorsException extends AppException {
  static invalidPeriod(): IndicatorsException {
    return new IndicatorsException(
      HttpStatus.BAD_REQUEST,
      'invalid_indicators_period',
      'Invalid period',
      'from: must not be after to',
      [{ field: 'from', message: 'must not be after to' }],
    );
  }

  static csvForbidden(): IndicatorsException {
    return new IndicatorsException(
      HttpStatus.FORBIDDEN,
      'indicators_csv_forbidden',
      'Only admins export the indicators',
      'The CSV of the indicators, with its breakdowns, is for programme staff (admins)',
    );
  }
}
