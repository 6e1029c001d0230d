import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LAB_AMBITI,
  LAB_DESCRIPTION_MAX_LENGTH,
  LAB_TITLE_MAX_LENGTH,
  type LabAmbito,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateLabDto {
  @ApiProperty({
    example: 'Laboratorio sulle strategie, sulle competenze e sugli assetti organizzativi',
    maxLength: LAB_TITLE_MAX_LENGTH,
  })
  @Transform(trim)
  @IsString()
  @Length(1, LAB_TITLE_MAX_LENGTH)
  title: string;

  @ApiProperty({
    enum: LAB_AMBITI,
    description: 'A: strategy, competences, organisation; B: territorial round-tables; C: interregional',
  })
  @IsIn(LAB_AMBITI)
  ambito: LabAmbito;

  @ApiPropertyOptional({ maxLength: LAB_DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LAB_DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The programme that funds the lab' })
  @IsOptional()
  @IsUUID('all')
  programmeId?: string | null;
}
