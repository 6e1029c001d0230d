import { applyDecorators } from '@nestjs/common';
import { IsString, Length, Matches } from 'class-validator';

/** 12–128 characters with a letter and a digit: AgID's guidance for public services is at least 8. */
export function IsNewPassword(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Length(12, 128, { message: 'must be between 12 and 128 characters long' }),
    Matches(/(?=.*\p{L})(?=.*\d)/u, { message: 'must contain at least one letter and one digit' }),
  );
}
