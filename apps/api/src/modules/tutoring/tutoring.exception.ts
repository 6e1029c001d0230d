import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the tutoring capability (slots, series, bookings). */
export class TutoringException extends AppException {
  static slotNotFound(): TutoringException {
    return new TutoringException(
      HttpStatus.NOT_FOUND,
      'tutoring_slot_not_found',
      'Slot not found',
      'No tutoring slot has this id',
    );
  }

  static seriesNotFound(): TutoringException {
    return new TutoringException(
      HttpStatus.NOT_FOUND,
      'tutoring_series_not_found',
      'Series not found',
      'No tutoring series has this id',
    );
  }

  static bookingNotFound(): TutoringException {
    return new TutoringException(
      HttpStatus.NOT_FOUND,
      'tutoring_booking_not_found',
      'Booking not found',
      'No tutoring booking has this id',
    );
  }

  static forbidden(detail: string): TutoringException {
    return new TutoringException(HttpStatus.FORBIDDEN, 'tutoring_forbidden', 'Forbidden', detail);
  }

  static invalid(field: string, message: string): TutoringException {
    return new TutoringException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid fields',
      `${field}: ${message}`,
      [{ field, message }],
    );
  }

  static overlap(when: string): TutoringException {
    return new TutoringException(
      HttpStatus.CONFLICT,
      'slot_overlap',
      'Overlapping slot',
      `The tutor already has a slot at that time: ${when}`,
    );
  }

  static full(): TutoringException {
    return new TutoringException(
      HttpStatus.CONFLICT,
      'slot_full',
      'Slot full',
      'Every place of this slot is booked',
    );
  }

  static closed(): TutoringException {
    return new TutoringException(
      HttpStatus.CONFLICT,
      'slot_closed',
      'Slot closed',
      'This slot was cancelled or has already started',
    );
  }

  static alreadyBooked(): TutoringException {
    return new TutoringException(
      HttpStatus.CONFLICT,
      'already_booked',
      'Already booked',
      'You already hold a place in this slot',
    );
  }

  static ownSlot(): TutoringException {
    return new TutoringException(
      HttpStatus.CONFLICT,
      'own_slot',
      'Your own slot',
      'A tutor cannot book their own slot',
    );
  }

  static slotCancelled(): TutoringException {
    return new TutoringException(
      HttpStatus.CONFLICT,
      'slot_cancelled',
      'Slot cancelled',
      'This slot is already cancelled',
    );
  }

  static seriesCancelled(): TutoringException {
    return new TutoringException(
      HttpStatus.CONFLICT,
      'series_cancelled',
      'Series cancelled',
      'This series is already cancelled',
    );
  }

  static capacityBelowBookings(booked: number): TutoringException {
    return new TutoringException(
      HttpStatus.CONFLICT,
      'capacity_below_bookings',
      'Capacity below bookings',
      `capacity: ${booked} places are booked; cancel bookings before lowering the capacity below that`,
      [{ field: 'capacity', message: `must be at least ${booked}, the places already booked` }],
    );
  }

  static bookingNotActive(): TutoringException {
    return new TutoringException(
      HttpStatus.CONFLICT,
      'booking_not_active',
      'Booking already cancelled',
      'This booking is already cancelled',
    );
  }

  static slotStarted(): TutoringException {
    return new TutoringException(
      HttpStatus.CONFLICT,
      'slot_started',
      'Slot started',
      'The slot has started: its booking can no longer be cancelled by the booker',
    );
  }
}
