// The live seat view's snapshot read again once the subscription is confirmed (issue 18's gap), when that read fails:
// it is tried again with capped exponential back-off and jitter while the subscription lives, and a device's cached
// answer (`offline`: the cloud did not answer in time) counts as failed, never laid over the changes already heard.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  snapshotReads,
  snapshotRetryDelay,
  snapshotUnderHeard,
} from '../../../../renderer/modes/shared/seat-chooser/live-snapshot.ts';
import { STATUS, type StatusCode } from '../../../../renderer/seatmap/model.ts';

const { available, held, sold } = STATUS;
const asIs = (_seat: number, status: StatusCode) => status;
type Read = { statuses: Uint8Array; offline?: boolean };

/** A fetch whose answers the test gives one by one (a value, or an Error to throw). */
function scripted(answers: (Read | Error)[]) {
  const fetch = vi.fn(async () => {
    const answer = answers.shift();
    if (!answer) throw new Error('no answer scripted');
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return fetch;
}

describe('the snapshot read after the subscription is confirmed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits 1 s, 2 s, 4 s … up to 30 s between tries, each with jitter of up to half', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => snapshotRetryDelay(n, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(snapshotRetryDelay(0, () => 0)).toBe(500);
    expect(snapshotRetryDelay(10, () => 0)).toBe(15_000);
  });

  it('tries a failed read again with back-off until one answers, and applies that one', async () => {
    const fresh: Read = { statuses: Uint8Array.of(held) };
    const fetch = scripted([new Error('network'), new Error('network'), fresh]);
    const apply = vi.fn();
    const reads = snapshotReads({ fetch, begin: () => {}, apply, random: () => 1 });

    reads.read();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(apply).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(apply).toHaveBeenCalledExactlyOnceWith(fresh);
    // Done: no more reads.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('stops retrying when the subscription ends', async () => {
    const fetch = scripted([new Error('network'), { statuses: Uint8Array.of(held) }]);
    const apply = vi.fn();
    const reads = snapshotReads({ fetch, begin: () => {}, apply, random: () => 1 });
    reads.read();
    await vi.advanceTimersByTimeAsync(0);
    reads.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(apply).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets a newer read (a reconnect) replace one waiting to retry', async () => {
    const newer: Read = { statuses: Uint8Array.of(sold) };
    const fetch = scripted([new Error('network'), newer]);
    const apply = vi.fn();
    const reads = snapshotReads({ fetch, begin: () => {}, apply, random: () => 1 });
    reads.read();
    await vi.advanceTimersByTimeAsync(0);
    reads.read();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(apply).toHaveBeenCalledExactlyOnceWith(newer);
  });

  it("never lays a device's cached (offline) answer over a change heard live, and reads again", async () => {
    // The screen as the live view left it: seat 0 was sold (heard live before the reconnect, so before this read
    // began); the device's cache, older, still says available.
    let shown: Uint8Array = Uint8Array.of(sold, available);
    let heard = new Map<number, StatusCode>();
    const cached: Read = { statuses: Uint8Array.of(available, available), offline: true };
    const live: Read = { statuses: Uint8Array.of(sold, held) };
    const fetch = scripted([cached, live]);
    const reads = snapshotReads({
      fetch,
      begin: () => (heard = new Map()),
      apply: (fresh) => (shown = snapshotUnderHeard(shown, fresh.statuses, heard, asIs).statuses),
      random: () => 1,
    });

    reads.read();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect([...shown]).toEqual([sold, available]);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect([...shown]).toEqual([sold, held]);
  });
});
