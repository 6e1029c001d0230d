import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { LabModuleView, LabModuleWithSessions } from '@convergo/contracts';
import { ApiAuthenticated, ApiItemsResponse, ApiProblem } from '../../../common/openapi';
import { uuidPipe } from '../../../common/uuid.pipe';
import type { AuthMember } from '../../auth/auth-member';
import { CurrentMember } from '../../auth/current-member.decorator';
import { CreateLabModuleDto, UpdateLabModuleDto } from './dto/lab-module.dto';
import { LabModuleResponse, LabModuleWithSessionsResponse } from './dto/lab-module.response';
import { LabModulesService } from './lab-modules.service';

@ApiTags('labs')
@ApiAuthenticated()
@ApiProblem(400)
@Controller()
export class LabModulesController {
  constructor(private readonly modules: LabModulesService) {}

  @Post('labs/:id/modules')
  @ApiOperation({ summary: 'Add a module to the lab’s structure (admins, tutors of the lab)' })
  @ApiCreatedResponse({ type: LabModuleResponse })
  @ApiProblem(403, 'Not an admin nor a tutor of this lab')
  @ApiProblem(404, '`lab_not_found`')
  create(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CreateLabModuleDto,
  ): Promise<LabModuleView> {
    return this.modules.create(member, id, dto);
  }

  @Get('labs/:id/modules')
  @ApiOperation({
    summary: 'The lab’s modules in position order, each with its sessions (whoever reads the lab)',
  })
  @ApiItemsResponse(LabModuleWithSessionsResponse)
  @ApiProblem(404, '`lab_not_found`')
  list(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<{ items: LabModuleWithSessions[] }> {
    return this.modules.list(member, id);
  }

  @Patch('lab-modules/:id')
  @ApiOperation({ summary: 'Change a module (admins, tutors of its lab)' })
  @ApiOkResponse({ type: LabModuleResponse })
  @ApiProblem(403, 'Not an admin nor a tutor of this lab')
  @ApiProblem(404, '`lab_module_not_found`')
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: UpdateLabModuleDto,
  ): Promise<LabModuleView> {
    return this.modules.update(member, id, dto);
  }

  @Delete('lab-modules/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Remove a module; its sessions stay in the lab without a module (admins, tutors)',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblem(403, 'Not an admin nor a tutor of this lab')
  @ApiProblem(404, '`lab_module_not_found`')
  async remove(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<void> {
    await this.modules.remove(member, id);
  }
}
