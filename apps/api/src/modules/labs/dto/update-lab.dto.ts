import type { LabAmbito, UpdateLabInput } from '@convergo/contracts';
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

/** Only the fields sent change; the status has its own endpoint. */
export class UpdateLabDto implements UpdateLabInput {
  @LabTitle(false)
  title?: string;

  @LabAmbitoField(false)
  ambito?: LabAmbito;

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

  @LabRegions()
  regions?: string[];
}
