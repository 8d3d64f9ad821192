import { errors } from "../domain/errors/index.ts";
import { renderGroup, requirePoolAndGroup, updatedGroup } from "../domain/groups/index.ts";
import type { Services } from "../services.ts";
import { groupSettingsInput } from "./group-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * UpdateGroup (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateGroup.html):
 * a partial update of Description, RoleArn and Precedence — members left out keep their values —
 * answering the whole group. Changed memberships and roles show in the next tokens issued.
 */
export const updateGroup = defineOperation(
  "UpdateGroup",
  groupSettingsInput,
  async (req, { store, clock }: Pick<Services, "store" | "clock">) => {
    const { group } = await requirePoolAndGroup(store, req.UserPoolId, req.GroupName);
    const next = updatedGroup(
      group,
      { description: req.Description, roleArn: req.RoleArn, precedence: req.Precedence },
      clock.now(),
    );
    // Deleted between the read and the write: the same answer as a group that never existed.
    if (!(await store.groups.update(next))) throw errors.groupNotFound();
    return { Group: renderGroup(next) };
  },
);
