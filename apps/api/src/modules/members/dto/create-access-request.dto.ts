import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, IsUUID, Length, MaxLength, Matches } from 'class-validator';
import { NOT_BLANK } from '../../../common/text-rules';
import { normalizeEmail } from './create-invitation.dto';
import { IsNewPassword } from './password';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateAccessRequestDto {
  @ApiProperty({ example: 'luca.verdi@regione.calabria.it' })
  @Transform(normalizeEmail)
  @MaxLength(254)
  @IsEmail()
  email: string;

  @ApiProperty({ example: 'Luca Verdi' })
  @Transform(trim)
  @IsString()
  @Length(2, 120)
  @Matches(NOT_BLANK, { message: 'displayName must contain visible characters' })
  displayName: string;

  @ApiProperty({ format: 'uuid', description: 'The administration the applicant works for' })
  @IsUUID()
  organizationId: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsNewPassword()
  password: string;

  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  jobTitle?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why the applicant wants to join' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  motivation?: string;
}
