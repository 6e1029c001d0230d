import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  POST_BODY_MAX_LENGTH,
  TAG_MAX_LENGTH,
  TAG_PATTERN,
  THREAD_TAGS_MAX,
  THREAD_TITLE_MAX_LENGTH,
  THREAD_TITLE_MIN_LENGTH,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Tags are compared lower-case and trimmed: "Open Data " is "open data". */
const normaliseTags = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? value.map((tag) => (typeof tag === 'string' ? tag.trim().replace(/\s+/g, ' ').toLowerCase() : tag))
    : value;

export const TitleField = (optional = false) =>
  applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({
      minLength: THREAD_TITLE_MIN_LENGTH,
      maxLength: THREAD_TITLE_MAX_LENGTH,
      example: 'Come avete organizzato lo sportello unico per l’edilizia?',
    }),
    ...(optional ? [IsOptional()] : []),
    Transform(trim),
    IsString(),
    Length(THREAD_TITLE_MIN_LENGTH, THREAD_TITLE_MAX_LENGTH),
  );

export const BodyField = () =>
  applyDecorators(
    ApiProperty({
      maxLength: POST_BODY_MAX_LENGTH,
      description: 'Markdown. Mention a member with `[@Name](member:<uuid>)`; raw HTML is shown as text.',
    }),
    IsString(),
    MaxLength(POST_BODY_MAX_LENGTH),
    Matches(/\S/, { message: 'must not be empty' }),
  );

export const TagsField = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: THREAD_TAGS_MAX, example: ['pon metro', 'suap'] }),
    IsOptional(),
    Transform(normaliseTags),
    IsArray(),
    ArrayMaxSize(THREAD_TAGS_MAX),
    ArrayUnique(),
    IsString({ each: true }),
    Length(1, TAG_MAX_LENGTH, { each: true }),
    Matches(TAG_PATTERN, { each: true, message: 'each tag must be words, digits, spaces or dashes' }),
  );

export const TagFilterField = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'Only threads with this tag' }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim().toLowerCase() : value,
    ),
    IsString(),
    MaxLength(TAG_MAX_LENGTH),
  );
