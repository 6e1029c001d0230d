import { Injectable } from '@nestjs/common';
import { TUTORING_LIMITS, TUTORING_TIME_ZONE, type TutoringSeriesWithSlots } from '@convergo/contracts';
import { localDate } from '../../common/time-zone';
import { Transactional } from '../../database/transactional';
import type { AuthMember } from '../auth/auth-member';
import type { AddSeriesExceptionDto, CancelTutoringDto, CreateTutoringSeriesDto } from './dto/tutoring.dto';
import { expandSeries, SeriesRuleError } from './series-expansion';
import { TutoringException } from './tutoring.exception';
import { TutoringRepository } from './tutoring.repository';
import { TutoringLedger } from './tutoring-ledger';

/** Weekly series of slots: expansion in Europe/Rome across DST, skipped dates, ending a series. */
@Injectable()
export class TutoringSeriesService {
  constructor(
    private readonly repo: TutoringRepository,
    private readonly ledger: TutoringLedger,
  ) {}

  /**
   * A weekly series and all its slots, in one transaction: any occurrence overlapping another
   * slot of the tutor refuses the whole series (409 naming the date), and nothing is stored.
   */
  @Transactional()
  async createSeries(actor: AuthMember, dto: CreateTutoringSeriesDto): Promise<TutoringSeriesWithSlots> {
    const labId = dto.labId?.toLowerCase() ?? null;
    await this.ledger.assertCreator(actor, labId);
    const firstStartsAt = new Date(dto.firstStartsAt);
    this.ledger.assertUpcoming(firstStartsAt, 'firstStartsAt');
    this.ledger.assertDuration(dto.durationMinutes, 'durationMinutes');
    if ((dto.exceptions?.length ?? 0) > TUTORING_LIMITS.seriesMaxExceptions) {
      throw TutoringException.invalid('exceptions', `at most ${TUTORING_LIMITS.seriesMaxExceptions} dates`);
    }
    const meeting = this.ledger.meetingOf(dto);
    let expansion;
    try {
      expansion = expandSeries({
        firstStartsAt,
        durationMinutes: dto.durationMinutes,
        timeZone: TUTORING_TIME_ZONE,
        weekdays: dto.weekdays,
        intervalWeeks: dto.intervalWeeks,
        until: dto.until,
        count: dto.count,
        exceptions: dto.exceptions,
      });
    } catch (error) {
      if (error instanceof SeriesRuleError) throw TutoringException.invalid(error.field, error.message);
      throw error;
    }
    await this.ledger.assertNoOverlap(actor.id, expansion.occurrences);
    const capacity = dto.capacity ?? 1;
    const seriesId = await this.repo.insertSeries({
      tutorId: actor.id,
      labId,
      rrule: expansion.rrule,
      timeZone: TUTORING_TIME_ZONE,
      startTime: expansion.startTime,
      durationMinutes: dto.durationMinutes,
      firstDate: expansion.firstDate,
      exceptions: [...new Set(dto.exceptions ?? [])].sort(),
      capacity,
      ...meeting,
      note: dto.note || null,
    });
    for (const occurrence of expansion.occurrences) {
      const id = await this.ledger.refusingOverlap(
        () =>
          this.repo.insertSlot({
            tutorId: actor.id,
            labId,
            seriesId,
            startsAt: occurrence.startsAt,
            endsAt: occurrence.endsAt,
            capacity,
            ...meeting,
            note: dto.note || null,
          }),
        occurrence.date,
      );
      await this.ledger.announce((await this.repo.findSlot(id, null))!, 'tutoring.slot_created');
    }
    return this.ledger.seriesWithSlots(actor, seriesId);
  }

  async getSeries(actor: AuthMember, seriesId: string): Promise<TutoringSeriesWithSlots> {
    const series = await this.repo.findSeries(seriesId);
    if (!series) throw TutoringException.seriesNotFound();
    await this.ledger.assertSeriesReader(actor, series.tutorId, series.labId);
    return this.ledger.seriesWithSlots(actor, seriesId);
  }

  /** Skips one date: the series remembers it, and that date's slot is cancelled (bookers told). */
  @Transactional()
  async addSeriesException(
    actor: AuthMember,
    seriesId: string,
    dto: AddSeriesExceptionDto,
  ): Promise<TutoringSeriesWithSlots> {
    const series = await this.ledger.findManagedSeries(actor, seriesId);
    if (dto.date < localDate(new Date(), series.timeZone)) {
      throw TutoringException.invalid('date', 'must be today or later: past slots are history');
    }
    if (
      series.exceptions.length >= TUTORING_LIMITS.seriesMaxExceptions &&
      !series.exceptions.includes(dto.date)
    ) {
      throw TutoringException.invalid(
        'date',
        `a series has at most ${TUTORING_LIMITS.seriesMaxExceptions} exceptions`,
      );
    }
    await this.repo.addSeriesException(seriesId, dto.date);
    const ids = await this.repo.seriesSlotIds(seriesId, {
      after: new Date(),
      localDate: dto.date,
      timeZone: series.timeZone,
    });
    for (const id of ids) await this.ledger.cancelSlotAndBookings(id, dto.reason || null);
    return this.ledger.seriesWithSlots(actor, seriesId);
  }

  /** Ends a series: its future open slots are cancelled (bookers told); past ones stay. Twice is a 409. */
  @Transactional()
  async cancelSeries(
    actor: AuthMember,
    seriesId: string,
    dto: CancelTutoringDto,
  ): Promise<TutoringSeriesWithSlots> {
    await this.ledger.findManagedSeries(actor, seriesId);
    if (!(await this.repo.cancelSeries(seriesId))) throw TutoringException.seriesCancelled();
    const ids = await this.repo.seriesSlotIds(seriesId, { after: new Date() });
    for (const id of ids) await this.ledger.cancelSlotAndBookings(id, dto.reason || null);
    return this.ledger.seriesWithSlots(actor, seriesId);
  }
}
