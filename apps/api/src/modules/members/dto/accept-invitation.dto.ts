import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';
import { NOT_BLANK } from '../../../common/text-rules';
import { IsNewPassword } from './password';

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation link' })
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsNewPassword()
  password: string;

  @ApiProperty({ example: 'Giulia Bianchi' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(2, 120)
  @Matches(NOT_BLANK, { message: 'displayName must contain visible characters' })
  displayName: string;
}
