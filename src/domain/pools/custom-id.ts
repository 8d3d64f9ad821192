import { errors } from "../errors/index.ts";

/**
 * The `_custom_id_` pool tag: infrastructure code written for LocalStack pins a pool's id with it
 * (UserPoolTags `{"_custom_id_": "us-east-1_myid"}`), and hushpool honours it the same way
 * (docs/seeding.md#pinned-ids). The tag stays on the pool, as any other tag.
 */
export const CUSTOM_ID_TAG = "_custom_id_";

/** `<region>_` then letters and digits; 55 characters at most, the model's bound for a pool id. */
const idPattern = (region: string) => new RegExp(`^${region.replace(/-/g, "\\-")}_[0-9A-Za-z]{1,45}$`);

/** The pinned id the tags ask for, checked; null when the tag is absent. */
export function customPoolId(tags: Record<string, string> | undefined, region: string): string | null {
  const wanted = tags?.[CUSTOM_ID_TAG];
  if (wanted === undefined) return null;
  if (!idPattern(region).test(wanted) || wanted.length > 55) throw errors.customPoolIdFormat(region);
  return wanted;
}
