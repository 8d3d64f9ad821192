import { errors } from "../errors/index.ts";
import { assertProfileTag } from "../existence/profile.ts";

/**
 * User-pool tags (docs/admin-users.md#tags): TagResource, UntagResource and ListTagsForResource act
 * on the same `UserPoolTags` that CreateUserPool, UpdateUserPool and DescribeUserPool carry, so the
 * `hushpool:existence-profile` tag chooses the pool's existence profile whichever way it is set.
 */

/** AWS's default limit of tags per resource (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html). */
export const MAX_TAGS = 50;

/**
 * The pool id of a user-pool ARN, `arn:aws:cognito-idp:<region>:<account>:userpool/<id>`, whatever the
 * account (clients put their own in); anything else is refused. The id carries its region.
 */
export function poolIdOfArn(arn: string): string {
  const m = /^arn:aws[\w-]*:cognito-idp:([a-z0-9-]+):(\d{12}):userpool\/([\w-]+_[0-9a-zA-Z]+)$/.exec(arn);
  const [, region, , poolId] = m ?? [];
  if (!poolId?.startsWith(`${region}_`)) throw errors.notAUserPoolArn();
  return poolId as string;
}

/** The tags after TagResource: given keys replace or join the current ones. */
export function withTags(current: Readonly<Record<string, string>>, added: Readonly<Record<string, string>>) {
  const next = { ...current, ...added };
  if (Object.keys(next).length > MAX_TAGS) throw errors.tooManyTags();
  assertProfileTag(next);
  return next;
}

/** The tags after UntagResource: keys not present are ignored. */
export function withoutTags(current: Readonly<Record<string, string>>, keys: readonly string[]) {
  const drop = new Set(keys);
  return Object.fromEntries(Object.entries(current).filter(([k]) => !drop.has(k)));
}
