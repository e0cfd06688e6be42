// The simulator's clock. Everything time-based in the simulator (order lifecycle, token and
// authorization-code expiry, NextToken expiry, the 2-minute `*Before` rule, rate-limit refill)
// reads `now()`, so tests can jump with `advance(ms)` and long scenarios can run faster with a
// speed-up factor (simulated ms per real ms).
export interface SimClock {
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Moves simulated time forward (never backwards). */
  advance(ms: number): void;
  /** Simulated ms per real ms from now on (1 = real time, 0 = frozen). */
  setSpeed(factor: number): void;
  readonly speed: number;
}

export function createSimClock(
  options: { start?: number; speed?: number; realNow?: () => number } = {},
): SimClock {
  const realNow = options.realNow ?? Date.now;
  let anchorReal = realNow();
  let anchorSim = options.start ?? anchorReal;
  let speed = options.speed ?? 1;
  if (!(speed >= 0)) throw new Error('clock speed must be >= 0');
  const now = () => anchorSim + (realNow() - anchorReal) * speed;
  return {
    now: () => Math.floor(now()),
    advance(ms: number) {
      if (!(ms >= 0)) throw new Error('clock.advance needs a non-negative number of ms');
      anchorSim = now() + ms;
      anchorReal = realNow();
    },
    setSpeed(factor: number) {
      if (!(factor >= 0)) throw new Error('clock speed must be >= 0');
      anchorSim = now();
      anchorReal = realNow();
      speed = factor;
    },
    get speed() {
      return speed;
    },
  };
}
