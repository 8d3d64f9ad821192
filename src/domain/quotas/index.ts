/** Request-rate quotas (docs/security.md#quotas): categories, the `--quota` setting, the gate. */
export {
  CATEGORY_DEFAULT_RPS,
  OPERATION_CATEGORY,
  QUOTA_CATEGORIES,
  type QuotaCategory,
} from "./categories.ts";
export { categoryOf, QUOTA_WINDOW_MS, QuotaGate } from "./gate.ts";
export { AWS_DEFAULT_LIMITS, parseQuotaSetting, type QuotaLimits } from "./settings.ts";
