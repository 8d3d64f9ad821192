import type { GroupRecord } from "../../storage/ports.ts";

/**
 * GroupType as Cognito sends it (AWS API reference, GroupType): optional members the group lacks
 * are left out rather than sent as null (the AWS CLI's create-group sample has no RoleArn or
 * Precedence keys for a group created without them); dates are epoch seconds with milliseconds.
 */
export function renderGroup(g: GroupRecord): Record<string, unknown> {
  return {
    GroupName: g.name,
    UserPoolId: g.poolId,
    ...(g.description !== null ? { Description: g.description } : {}),
    ...(g.roleArn !== null ? { RoleArn: g.roleArn } : {}),
    ...(g.precedence !== null ? { Precedence: g.precedence } : {}),
    LastModifiedDate: g.modifiedAt / 1000,
    CreationDate: g.createdAt / 1000,
  };
}
