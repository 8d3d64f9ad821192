import { CATEGORY_DEFAULT_RPS, isQuotaCategory, QUOTA_CATEGORIES, type QuotaCategory } from "./categories.ts";

/** Requests per second allowed per pool in each category; null: that category is not limited. */
export type QuotaLimits = Readonly<Record<QuotaCategory, number | null>>;

/** AWS's default rates (./categories.ts), what `--quota` starts from. */
export const AWS_DEFAULT_LIMITS: QuotaLimits = { ...CATEGORY_DEFAULT_RPS };

const allOff = (): Record<QuotaCategory, number | null> =>
  Object.fromEntries(QUOTA_CATEGORIES.map((c) => [c, null])) as Record<QuotaCategory, number | null>;

/**
 * Reads `--quota` (docs/security.md#quotas): a comma-separated list, applied left to right to AWS's
 * default rates. `off` turns every category off, `aws` restores the defaults, `Category=N` sets one
 * category to N requests per second (a positive integer), `Category=off` turns one off. Empty: the
 * defaults. So `off,UserCreation=5` limits only UserCreation. Throws an Error naming the bad item.
 */
export function parseQuotaSetting(text: string): QuotaLimits {
  const limits: Record<QuotaCategory, number | null> = { ...AWS_DEFAULT_LIMITS };
  for (const raw of text.split(",")) {
    const item = raw.trim();
    if (item === "") continue;
    if (item === "off") Object.assign(limits, allOff());
    else if (item === "aws") Object.assign(limits, AWS_DEFAULT_LIMITS);
    else {
      const [name = "", value = "", ...rest] = item.split("=");
      if (!isQuotaCategory(name) || rest.length > 0)
        throw new Error(
          `"${item}": expected off, aws, or CATEGORY=RPS with CATEGORY one of ${QUOTA_CATEGORIES.join(", ")}`,
        );
      if (value === "off") limits[name] = null;
      else if (/^[1-9]\d{0,6}$/.test(value)) limits[name] = Number(value);
      else
        throw new Error(
          `"${item}": the rate must be a whole number of requests per second (1 or more) or off`,
        );
    }
  }
  return limits;
}

/** True when no category is limited: the gate then makes no storage call at all. */
export const quotasOff = (limits: QuotaLimits): boolean => QUOTA_CATEGORIES.every((c) => limits[c] === null);
