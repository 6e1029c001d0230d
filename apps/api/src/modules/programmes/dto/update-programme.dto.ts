import { OmitType, PartialType } from '@nestjs/swagger';
import type { UpdateProgrammeInput } from '@convergo/contracts';
import { CreateProgrammeDto } from './create-programme.dto';

/**
 * Every field optional; the code is immutable (the demo loader upserts by it). Nullable fields
 * accept null to clear them; `name`, `themes`, `partners` and `indicators` refuse null
 * (skipNullProperties: false validates any value that is present).
 */
export class UpdateProgrammeDto
  extends PartialType(OmitType(CreateProgrammeDto, ['code'] as const), { skipNullProperties: false })
  implements UpdateProgrammeInput {}
