import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { uuidPipe } from '../../common/uuid.pipe';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MemberDirectoryEntry, MemberView, Page } from '@convergo/contracts';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { DirectoryQueryDto } from './dto/directory-query.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@ApiBearerAuth()
@Controller()
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get('me')
  @ApiOperation({ summary: 'The calling member' })
  me(@CurrentMember() member: AuthMember): Promise<MemberView> {
    return this.members.getView(member.id);
  }

  @Patch('me')
  @ApiOperation({ summary: 'Update my profile; emits member.updated to member:<id>' })
  updateMe(@CurrentMember() member: AuthMember, @Body() changes: UpdateProfileDto): Promise<MemberView> {
    return this.members.updateProfile(member, member.id, changes);
  }

  @Get('members')
  @ApiOperation({ summary: 'Member directory: name, organisation, role, interests' })
  directory(@Query() query: DirectoryQueryDto): Promise<Page<MemberDirectoryEntry>> {
    return this.members.directory(query);
  }

  @Get('members/:id')
  member(
    @CurrentMember() actor: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<MemberDirectoryEntry | MemberView> {
    return this.members.getDirectoryEntry(actor, id);
  }
}
