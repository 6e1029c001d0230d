import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsUUID,
  ValidateIf,
} from 'class-validator';

export class MarkNotificationsReadDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 200 })
  @ValidateIf((dto: MarkNotificationsReadDto) => dto.all !== true)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: 'Mark every notification read' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}
