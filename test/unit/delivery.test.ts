import { HOUR, MINUTE } from '../../src/clock';
import { OutboxDelivery } from '../../src/mail/delivery';

describe('OutboxDelivery.backoff', () => {
  const delivery = new OutboxDelivery({} as any);

  it('waits 1, 2, 4, 8 minutes after 1, 2, 3, 4 failures', () => {
    expect([1, 2, 3, 4].map((n) => delivery.backoff(n))).toEqual([
      1 * MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      8 * MINUTE,
    ]);
  });

  it('keeps doubling below the cap', () => {
    expect(delivery.backoff(9)).toBe(256 * MINUTE);
  });

  it('never waits more than 6 hours', () => {
    expect(delivery.backoff(10)).toBe(6 * HOUR);
    expect(delivery.backoff(50)).toBe(6 * HOUR);
    expect(delivery.backoff(5000)).toBe(6 * HOUR);
  });

  it('scales with baseDelayMs', () => {
    const fast = new OutboxDelivery({ baseDelayMs: 1000 } as any);
    expect([1, 2, 3].map((n) => fast.backoff(n))).toEqual([1000, 2000, 4000]);
  });
});
