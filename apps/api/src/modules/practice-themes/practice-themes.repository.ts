import { Injectable } from '@nestjs/common';
import type { PracticeThemeGroup, PracticeThemeView } from '@convergo/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

const THEME_SELECT = `SELECT code, label, label_en AS "labelEn", theme_group AS "group" FROM practice_themes`;

/** Owns every query on the practice themes. */
@Injectable()
export class PracticeThemesRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  findAll(): Promise<PracticeThemeView[]> {
    return this.db.tx.query<PracticeThemeView[]>(`${THEME_SELECT} ORDER BY position, label, code`);
  }

  async findByCode(code: string): Promise<PracticeThemeView | undefined> {
    const [row] = await this.db.tx.query<PracticeThemeView[]>(`${THEME_SELECT} WHERE code = $1`, [code]);
    return row;
  }

  /** Undefined when the code is taken. New themes go after the seeded ones. */
  async insert(theme: PracticeThemeView): Promise<PracticeThemeView | undefined> {
    const [row] = await this.db.tx.query<PracticeThemeView[]>(
      `INSERT INTO practice_themes (code, label, label_en, theme_group, position)
       VALUES ($1, $2, $3, $4, 1000) ON CONFLICT (code) DO NOTHING
       RETURNING code, label, label_en AS "labelEn", theme_group AS "group"`,
      [theme.code, theme.label, theme.labelEn, theme.group],
    );
    return row;
  }

  async update(
    code: string,
    patch: { label?: string; labelEn?: string; group?: PracticeThemeGroup },
  ): Promise<PracticeThemeView | undefined> {
    const [row] = await this.db.tx.query<PracticeThemeView[]>(
      `WITH changed AS (
         UPDATE practice_themes
            SET label = coalesce($2, label), label_en = coalesce($3, label_en),
                theme_group = coalesce($4, theme_group)
          WHERE code = $1
          RETURNING code, label, label_en, theme_group)
       SELECT code, label, label_en AS "labelEn", theme_group AS "group" FROM changed`,
      [code, patch.label ?? null, patch.labelEn ?? null, patch.group ?? null],
    );
    return row;
  }
}
