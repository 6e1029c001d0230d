import type { UpdateDocumentInput } from '@convergo/contracts';
import { ValidateIf } from 'class-validator';
import { DocumentTitle, ProvinceList, RegionList, TagList } from './create-document.dto';

/** Every field optional and never null; kind and owner never change. */
export class UpdateDocumentDto implements UpdateDocumentInput {
  @DocumentTitle()
  @ValidateIf((_, value) => value !== undefined)
  title?: string;

  @TagList()
  tags?: string[];

  @RegionList()
  regions?: string[];

  @ProvinceList()
  provinceCodes?: string[];
}
