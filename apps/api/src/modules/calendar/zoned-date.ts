/**
 * An instant that reads as wall-clock time in one IANA zone: the `TZDate` shape ical-generator
 * accepts (its `ICalTZDateStub`), so `DTSTART;TZID=Europe/Rome:20270114T100000` is the time in
 * Rome whatever the server's own zone, daylight saving included. The UTC getters stay the
 * instant's own.
 */
export class ZonedDate extends Date {
  readonly internal: Date;

  constructor(
    instant: Date | string | number,
    readonly timeZone: string,
  ) {
    super(new Date(instant).getTime());
    this.internal = new Date(this.getTime());
  }

  withTimeZone(timeZone?: null | string): ZonedDate {
    return new ZonedDate(this.getTime(), timeZone ?? this.timeZone);
  }

  tzComponents(): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: this.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(this.internal);
    const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
    return {
      year: get('year'),
      month: get('month'),
      day: get('day'),
      hour: get('hour'),
      minute: get('minute'),
      second: get('second'),
    };
  }

  override getFullYear(): number {
    return this.tzComponents().year;
  }

  override getMonth(): number {
    return this.tzComponents().month - 1;
  }

  override getDate(): number {
    return this.tzComponents().day;
  }

  override getHours(): number {
    return this.tzComponents().hour;
  }

  override getMinutes(): number {
    return this.tzComponents().minute;
  }

  override getSeconds(): number {
    return this.tzComponents().second;
  }
}
