import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token returned by login or by the previous refresh' })
  @IsString()
  @Length(10, 300)
  refreshToken: string;
}
