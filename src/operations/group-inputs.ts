import { z } from "zod";
import { shapes } from "../protocol/validation.ts";

/**
 * Input shapes of the group operations (AWS API reference, CreateGroup: GroupNameType 1–128,
 * DescriptionType ≤ 2048, ArnType (shapes.arn), PrecedenceType 0–2^31−1; QueryLimitType 0–60).
 */
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

/**
 * Cognito prints GroupName's pattern without its trailing `+`
 * (`Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]`), so the check is
 * written out to report that text (docs/errors.md#validation-errors).
 */
const groupName = z
  .string()
  .min(1)
  .max(128)
  .superRefine((value, ctx) => {
    if (!GROUP_NAME.test(value)) {
      ctx.addIssue({
        code: "invalid_format",
        format: "regex",
        pattern: String.raw`[\p{L}\p{M}\p{S}\p{N}\p{P}]`,
        input: value,
      });
    }
  });

export const groupShapes = {
  groupName,
  description: z.string().max(2048),
  roleArn: shapes.arn,
  precedence: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  limit: z.number().int().min(0).max(60),
  nextToken: shapes.paginationKey,
};

/** CreateGroup and UpdateGroup take the same members. */
export const groupSettingsInput = z.object({
  GroupName: groupName,
  UserPoolId: shapes.userPoolId,
  Description: groupShapes.description.optional(),
  RoleArn: shapes.arn.optional(),
  Precedence: groupShapes.precedence.optional(),
});

/** AdminAddUserToGroup and AdminRemoveUserFromGroup take the same members. */
export const membershipInput = z.object({
  UserPoolId: shapes.userPoolId,
  Username: shapes.username,
  GroupName: groupName,
});

/** ListGroups, ListUsersInGroup and AdminListGroupsForUser page alike (../domain/groups/paging.ts). */
export const listingMembers = {
  Limit: groupShapes.limit.optional(),
  NextToken: groupShapes.nextToken.optional(),
};
