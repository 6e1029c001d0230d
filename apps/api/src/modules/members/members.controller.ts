import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiAuthenticated, ApiPageResponse } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { MemberDirectoryEntry, MemberView, Page } from '@convergo/contracts';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { DirectoryQueryDto } from './dto/directory-query.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { MembersService } from './members.service';
import { MemberDirectoryEntryResponse, MemberResponse } from './dto/member.response';

@ApiTags('members')
@ApiAuthenticated()
@Controller()
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get('me')
  @ApiOperation({ summary: 'The calling member' })
  @ApiOkResponse({ type: MemberResponse })
  me(@CurrentMember() member: AuthMember): Promise<MemberView> {
    return this.members.getView(member.id);
  }

  @Patch('me')
  @ApiOperation({ summary: 'Update my profile; emits member.updated to member:<id>' })
  @ApiOkResponse({ type: MemberResponse })
  updateMe(@CurrentMember() member: AuthMember, @Body() changes: UpdateProfileDto): Promise<MemberView> {
    return this.members.updateProfile(member, member.id, changes);
  }

  @Get('members')
  @ApiOperation({ summary: 'Member directory: name, organisation, role, interests' })
  @ApiPageResponse(MemberDirectoryEntryResponse)
  directory(@Query() query: DirectoryQueryDto): Promise<Page<MemberDirectoryEntry>> {
    return this.members.directory(query);
  }

  @Get('members/:id')
  @ApiOkResponse({
    type: MemberDirectoryEntryResponse,
    description: 'Admins and the member themself also get `email` and `locale`',
  })
  member(
    @CurrentMember() actor: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<MemberDirectoryEntry | MemberView> {
    return this.members.getDirectoryEntry(actor, id);
  }
}
