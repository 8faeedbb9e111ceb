/** A clock the test moves by hand, for the core's `now` ports (policies, conversation memory). */
export function fakeClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => number } {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}
