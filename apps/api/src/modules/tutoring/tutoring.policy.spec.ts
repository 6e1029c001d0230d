import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import {
  bookingSubject,
  slotRoomSubject,
  slotSubject,
  TUTORING_ALL_SLOTS,
  tutoringRules,
  type SlotFacts,
} from './tutoring.policy';

const member = (id: string, role: AuthMember['role'] = 'member'): AuthMember => ({
  id,
  role,
  organizationId: null,
  isReferent: false,
});

describe('tutoringRules', () => {
  const factory = new AbilityFactory();
  factory.register(tutoringRules);
  const facts = (over: Partial<SlotFacts> = {}): SlotFacts => ({
    tutorId: 'tutor',
    labId: null,
    status: 'open',
    labRole: null,
    isBooker: false,
    activeBooker: false,
    ...over,
  });

  it('publishing: global tutors open slots, a lab’s tutors its slots, admins anything', () => {
    const create = (m: AuthMember, f: Partial<SlotFacts>) =>
      factory.for(m).can('create', slotSubject(facts(f)));
    expect(create(member('a', 'tutor'), {})).toBe(true);
    expect(create(member('a'), {})).toBe(false);
    expect(create(member('a', 'moderator'), {})).toBe(false);
    expect(create(member('a', 'tutor'), { labId: 'lab' })).toBe(false);
    expect(create(member('a'), { labId: 'lab', labRole: 'tutor' })).toBe(true);
    expect(create(member('a'), { labId: 'lab', labRole: 'participant' })).toBe(false);
    expect(create(member('a', 'admin'), { labId: 'lab' })).toBe(true);
  });

  it('reading: open slots to all, a lab’s to its people, cancelled ones to their tutor and bookers', () => {
    const read = (m: AuthMember, f: Partial<SlotFacts>) => factory.for(m).can('read', slotSubject(facts(f)));
    expect(read(member('x'), {})).toBe(true);
    expect(read(member('x'), { labId: 'lab' })).toBe(false);
    expect(read(member('x'), { labId: 'lab', labRole: 'participant' })).toBe(true);
    expect(read(member('x'), { status: 'cancelled' })).toBe(false);
    expect(read(member('x'), { status: 'cancelled', isBooker: true })).toBe(true);
    expect(read(member('tutor'), { status: 'cancelled', labId: 'lab' })).toBe(true);
    expect(read(member('x', 'admin'), { status: 'cancelled', labId: 'lab' })).toBe(true);
    expect(factory.for(member('x', 'tutor')).can('read', TUTORING_ALL_SLOTS)).toBe(false);
    expect(factory.for(member('x', 'admin')).can('read', TUTORING_ALL_SLOTS)).toBe(true);
  });

  it('managing, booking, cancelling bookings and the slot room', () => {
    const ability = (m: AuthMember) => factory.for(m);
    expect(ability(member('tutor')).can('update', slotSubject(facts()))).toBe(true);
    expect(ability(member('x', 'tutor')).can('update', slotSubject(facts()))).toBe(false);
    expect(
      ability(member('x')).can('create', bookingSubject({ tutorId: 't', labId: 'lab', labRole: null })),
    ).toBe(false);
    expect(
      ability(member('x')).can(
        'create',
        bookingSubject({ tutorId: 't', labId: 'lab', labRole: 'participant' }),
      ),
    ).toBe(true);
    const booking = bookingSubject({ tutorId: 't', labId: null, labRole: null, memberId: 'b' });
    expect(ability(member('b')).can('delete', booking)).toBe(true);
    expect(ability(member('t')).can('delete', booking)).toBe(true);
    expect(ability(member('x')).can('delete', booking)).toBe(false);
    expect(ability(member('x')).can('read', slotRoomSubject(facts({ isBooker: true })))).toBe(false);
    expect(ability(member('x')).can('read', slotRoomSubject(facts({ activeBooker: true })))).toBe(true);
    expect(ability(member('tutor')).can('read', slotRoomSubject(facts()))).toBe(true);
  });
});
