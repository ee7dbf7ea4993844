// The waiting room's arithmetic (issue 20): people ahead, the estimate from the recent rate, the progress, when to
// ask for admission, and the countdown to the opening.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { QueueState } from '../../../../cloud/contract/queue.ts';
import { countdown, standing } from '../../../../renderer/modes/shop/queue/queue-standing.ts';

const state = (patch: Partial<QueueState> = {}): QueueState => ({
  eventId: '00000000-0000-4000-8000-000000000001',
  version: 3,
  opensAt: '2030-06-01T08:00:00.000Z',
  open: true,
  arrivedBeforeOpening: 100,
  admittedThrough: 40,
  joined: 500,
  admittingPerMinute: 20,
  soldOut: false,
  updatedAt: '2030-06-01T08:05:00.000Z',
  maxAgeSeconds: 1,
  ...patch,
});

describe('standing in the waiting room', () => {
  it('counts the people ahead and estimates the wait from the rate', () => {
    expect(standing(state(), 121)).toEqual({ ahead: 80, minutes: 4, progress: 40 / 121, askAdmission: false });
    expect(standing(state({ admittingPerMinute: null }), 121).minutes).toBeNull();
    expect(standing(state(), 41)).toMatchObject({ ahead: 0, minutes: 0, askAdmission: false });
  });

  it('asks for admission once the place is reached, or to learn the place after the opening', () => {
    expect(standing(state(), 40)).toMatchObject({ ahead: 0, progress: 1, askAdmission: true });
    expect(standing(state(), null)).toMatchObject({ ahead: null, askAdmission: true });
    expect(standing(state({ open: false }), null)).toMatchObject({ ahead: null, askAdmission: false });
    expect(standing(state({ soldOut: true }), 10).askAdmission).toBe(false);
  });

  it('never counts anyone ahead of a reached place, and the progress stays within 0..1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), (place, admittedThrough) => {
        const where = standing(state({ admittedThrough }), place);
        expect(where.ahead).toBe(Math.max(0, place - admittedThrough - 1));
        expect(where.askAdmission).toBe(place <= admittedThrough);
        expect(where.progress).toBeGreaterThanOrEqual(0);
        expect(where.progress).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('counts down to the opening', () => {
    expect(countdown(65_000)).toBe('1:05');
    expect(countdown(3_600_000 + 62_000)).toBe('1:01:02');
    expect(countdown(-5)).toBe('0:00');
  });
});
