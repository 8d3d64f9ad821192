import { resetToSeed, SeedError } from "../seed/index.ts";
import type { Route } from "./routes.ts";

/**
 * POST /_hushpool/reset: every pool deleted, then the --seed file applied again, so each test starts
 * from the seeded state (docs/seeding.md#reset-between-tests). A development endpoint, gated like
 * the message reader.
 */
export const resetRoute: Route = {
  method: "POST",
  name: "/_hushpool/reset",
  path: /^\/_hushpool\/reset$/,
  dev: true,
  async handle(_m, _u, services) {
    try {
      const body = await resetToSeed(services);
      services.metrics.count("reset");
      return { status: 200, body };
    } catch (e) {
      if (e instanceof SeedError) return { status: 400, body: { message: e.message } };
      throw e;
    }
  },
};
