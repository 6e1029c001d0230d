import { PageQueryDto } from '../../../common/pagination.dto';
import { BodyField, TagFilterField, TagsField, TitleField } from './fields';

export class CreateThreadDto {
  @TitleField()
  title: string;

  @BodyField()
  body: string;

  @TagsField()
  tags?: string[];
}

export class UpdateThreadDto {
  @TitleField(true)
  title?: string;

  @TagsField()
  tags?: string[];
}

export class ThreadListQueryDto extends PageQueryDto {
  @TagFilterField()
  tag?: string;
}
