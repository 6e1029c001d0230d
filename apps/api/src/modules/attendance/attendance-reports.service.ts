import { Injectable } from '@nestjs/common';
import { type MyAttendanceRow, type MyAttendanceView } from '@convergo/contracts';
import type { AuthMember } from '../auth/auth-member';
import { LabsException } from '../labs/labs.exception';
import { LabsService } from '../labs/labs.service';
import { SessionsService, type CalendarEntry } from '../sessions/sessions.service';
import type { ExportLine } from './attendance-export';
import { AttendanceException } from './attendance.exception';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceLedger } from './attendance-ledger';

/** The lab's register for the exports, and a member's own register over their labs. */
@Injectable()
export class AttendanceReportsService {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly sessions: SessionsService,
    private readonly labs: LabsService,
    private readonly ledger: AttendanceLedger,
  ) {}

  /**
   * The lab's register as lines (a participant and a session each) for the CSV and XLSX exports:
   * sessions already started and not cancelled; absentees are lines too.
   */
  async exportLines(actor: AuthMember, labId: string): Promise<{ labTitle: string; lines: ExportLine[] }> {
    const labTitle = await this.labs.titleOf(labId);
    if (labTitle === undefined) throw LabsException.labNotFound();
    if (!(await this.ledger.canManage(actor, labId))) throw AttendanceException.registerForbidden();
    const now = new Date();
    const lines: ExportLine[] = [];
    for (const entry of await this.sessions.calendarForLab(actor, labId)) {
      if (entry.session.status === 'cancelled' || new Date(entry.session.startsAt) > now) continue;
      const register = await this.ledger.register(entry, now);
      const base = { sessionTitle: entry.session.title, startsAt: new Date(entry.session.startsAt) };
      for (const { member, row } of register.rows) {
        const last = row.intervals[row.intervals.length - 1];
        lines.push({
          ...base,
          ...this.ledger.personOf(member),
          mode: row.mode,
          firstIn: row.intervals[0] ? new Date(row.intervals[0].from) : null,
          lastOut: last?.to ? new Date(last.to) : null,
          seconds: row.seconds,
          status: row.status,
        });
      }
      for (const member of register.absentees) {
        lines.push({
          ...base,
          ...this.ledger.personOf(member),
          mode: null,
          firstIn: null,
          lastOut: null,
          seconds: 0,
          status: 'absent',
        });
      }
    }
    return { labTitle, lines };
  }

  /** The asker's rows in the labs they take part in (sessions started, not cancelled), with hours per lab. */
  async mine(actor: AuthMember): Promise<MyAttendanceView> {
    const now = new Date();
    const byLab = new Map<string, CalendarEntry[]>();
    for (const entry of await this.sessions.calendarForMember(actor.id)) {
      if (entry.session.status === 'cancelled' || new Date(entry.session.startsAt) > now) continue;
      const list = byLab.get(entry.session.labId) ?? [];
      list.push(entry);
      byLab.set(entry.session.labId, list);
    }
    const labs: MyAttendanceView['labs'] = [];
    for (const [labId, entries] of byLab) {
      const [me] = await this.labs.rosterOf(labId, [actor.id]);
      if (!me) continue;
      const ids = entries.map((entry) => entry.session.id);
      const intervals = await this.attendance.findMemberIntervals(actor.id, ids);
      const stored = await this.attendance.findMemberEntries(actor.id, ids);
      const confirmed = await this.attendance.findConfirmedSessionIds(ids);
      const sessions: MyAttendanceRow[] = [];
      let seconds = 0;
      for (const entry of entries) {
        const id = entry.session.id;
        const stays = intervals.filter((interval) => interval.sessionId === id);
        const own = stored.find((item) => item.sessionId === id);
        // Someone enrolled after a session began was not absent from it.
        if (!own && stays.length === 0 && new Date(me.enrolledAt) > new Date(entry.session.startsAt))
          continue;
        const row = this.ledger.toMyRow(entry, stays, own, confirmed.has(id), now);
        seconds += row.seconds;
        sessions.push(row.view);
      }
      labs.push({
        labId,
        labTitle: entries[0].labTitle,
        hours: Math.round((seconds / 3600) * 100) / 100,
        sessions,
      });
    }
    return { labs };
  }
}
