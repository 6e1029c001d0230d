import { ApiPropertyOptional } from '@nestjs/swagger';
import { LAB_STATUSES, type CreateLabInput, type LabAmbito, type LabStatus } from '@convergo/contracts';
import { IsIn, IsOptional } from 'class-validator';
import {
  LabAmbitoField,
  LabCapacity,
  LabDescription,
  LabExpectedResults,
  LabObjectives,
  LabProgrammeId,
  LabRegions,
  LabTargetAdministrations,
  LabTitle,
} from './lab-fields';

export class CreateLabDto implements CreateLabInput {
  @LabTitle(true)
  title: string;

  @LabAmbitoField(true)
  ambito: LabAmbito;

  @LabDescription()
  description?: string;

  @LabProgrammeId()
  programmeId?: string | null;

  @LabObjectives()
  objectives?: string;

  @LabExpectedResults()
  expectedResults?: string;

  @LabTargetAdministrations()
  targetAdministrations?: string;

  @LabCapacity()
  capacity?: number | null;

  @ApiPropertyOptional({ enum: LAB_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(LAB_STATUSES)
  status?: LabStatus;

  @LabRegions()
  regions?: string[];
}
