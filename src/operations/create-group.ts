import { createGroup as create, renderGroup } from "../domain/groups/index.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import type { Services } from "../services.ts";
import { groupSettingsInput } from "./group-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * CreateGroup (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html;
 * docs/admin-users.md#groups): names are unique in the pool ignoring case (GroupExistsException);
 * the answer omits the optional members that were not given.
 */
export const createGroup = defineOperation(
  "CreateGroup",
  groupSettingsInput,
  async (req, { store, clock }: Pick<Services, "store" | "clock">) => {
    const pool = await requirePool(store, req.UserPoolId);
    const group = await create(
      store,
      {
        poolId: pool.id,
        name: req.GroupName,
        description: req.Description,
        roleArn: req.RoleArn,
        precedence: req.Precedence,
      },
      clock.now(),
    );
    return { Group: renderGroup(group) };
  },
);
