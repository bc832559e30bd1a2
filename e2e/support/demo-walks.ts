/**
 * Where the browser tests stand visitors in the demo hall (`/hall/demo`, the Nova Electronics
 * store). Every leg is a straight walk (that is how `walkTo` clicks the floor), so each must
 * be free of counters, booths and glass; `scenes/demo/demo-scenes.test.ts` checks that
 * against the scene, so a change to the store that blocks a walk fails there, fast, rather
 * than as a time-out in the browser.
 */
export const demoWalks = {
  /** A and B side by side in the cross aisle, C 10.5 m from A: within hearing range, clearly farther. */
  start: { a: { x: -9, z: 3.2 }, b: { x: -7.5, z: 3.2 }, c: { x: 1.5, z: 3.2 } },
  /** Where C goes to be out of A's hearing range (> 12 m), and where C comes back to. */
  cFar: { x: 12.5, z: 2.8 },
  cBack: { x: 0, z: 3.2 },
  /** B and C inside the consultation room (zone `booth-1`), through its door; A just outside, 1.7 m from B. */
  booth: { b: { x: 10.5, z: 5.9 }, c: { x: 11.5, z: 6.5 }, aOutside: { x: 8.8, z: 5.9 } },
} as const;
