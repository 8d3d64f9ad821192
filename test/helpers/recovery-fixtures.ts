/**
 * Superseded by ./fixtures.ts. Kept only for test/unit/existence-equal-work.test.ts, which another
 * change is editing at the same time; delete this file once that test imports ./fixtures.ts.
 */
export { lastCode, type PoolWithClients, poolWithClients, putUser } from "./fixtures.ts";
