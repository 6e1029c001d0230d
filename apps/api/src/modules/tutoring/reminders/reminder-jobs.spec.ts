import { bookingReminderId, reminderDue, slotReminderId } from './reminder-jobs';

describe('reminder jobs', () => {
  it('gives each reminder a stable UUID, distinct per booking, slot and offset', () => {
    const id = bookingReminderId('b1', 60);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bookingReminderId('b1', 60)).toBe(id);
    expect(
      new Set([id, bookingReminderId('b1', 1440), bookingReminderId('b2', 60), slotReminderId('b1', 60)])
        .size,
    ).toBe(4);
  });

  it('is due offset minutes before the start, and not at all once that moment has passed', () => {
    const start = new Date('2027-01-14T09:00:00.000Z');
    expect(reminderDue(start, 60, new Date('2027-01-14T07:00:00.000Z'))).toEqual(
      new Date('2027-01-14T08:00:00.000Z'),
    );
    expect(reminderDue(start, 0.5, new Date('2027-01-14T08:59:00.000Z'))).toEqual(
      new Date('2027-01-14T08:59:30.000Z'),
    );
    expect(reminderDue(start, 1440, new Date('2027-01-14T07:00:00.000Z'))).toBeUndefined();
    expect(reminderDue(start, 60, new Date('2027-01-14T08:00:00.000Z'))).toBeUndefined();
  });
});
