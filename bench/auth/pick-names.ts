/**
 * Which names a bench signs in with: a deterministic spread (a fixed linear congruential generator,
 * so that runs and the two sides of an A/B bench see the same sequence), over the seeded bench users
 * or over names that never exist.
 */
import { benchName } from "./seed-users.ts";

/** Numbers below the `n` given to each call, spread by a fixed LCG from `seed`. */
export function spread(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

/** A name per call: a seeded user among `users`, or with `unknown` one that no pool holds. */
export function namePicker(seed: number, users: number, unknown = false): () => string {
  const next = spread(seed);
  return unknown ? () => `nouser${String(next(99999)).padStart(5, "0")}` : () => benchName(next(users));
}
