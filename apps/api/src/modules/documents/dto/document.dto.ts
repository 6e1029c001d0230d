import { ApiProperty } from '@nestjs/swagger';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentView, type Page } from '@convergo/contracts';
import { DocumentOwnerDto } from './create-document.dto';

/** The answer shape, for the OpenAPI document (the contract is DocumentView). */
export class DocumentDto implements DocumentView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Piano strategico di apertura internazionale' })
  title: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  kind: DocumentKind;

  @ApiProperty({ type: DocumentOwnerDto })
  owner: DocumentOwnerDto;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ type: [String], example: ['Campania'] })
  regions: string[];

  @ApiProperty({ type: [String], example: ['NA'] })
  provinceCodes: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdBy: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', description: 'Last change of the metadata or of the content' })
  updatedAt: string;
}

export class DocumentPageDto implements Page<DocumentView> {
  @ApiProperty({ type: [DocumentDto] })
  items: DocumentDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
