import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the practice themes. */
export class PracticeThemesException extends AppException {
  static notFound(code: string): PracticeThemesException {
    return new PracticeThemesException(
      HttpStatus.NOT_FOUND,
      'practice_theme_not_found',
      'Theme not found',
      `No theme has the code ${JSON.stringify(code)}`,
    );
  }

  static codeTaken(): PracticeThemesException {
    return new PracticeThemesException(
      HttpStatus.CONFLICT,
      'practice_theme_code_taken',
      'Code already used',
      'Another theme already has this code',
      [{ field: 'code', message: 'is already used by another theme' }],
    );
  }

  /** Theme codes a practice names that the taxonomy does not know. */
  static unknownThemes(field: string, codes: readonly string[]): PracticeThemesException {
    return new PracticeThemesException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'practice_theme_unknown',
      'Unknown theme',
      `${field}: unknown theme codes ${codes.map((c) => JSON.stringify(c)).join(', ')}`,
      [{ field, message: 'contains a code that is not a theme (GET /api/v1/practice-themes)' }],
    );
  }
}
