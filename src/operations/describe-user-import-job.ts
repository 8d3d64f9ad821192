import { jobOperation } from "../domain/import-jobs/job-operation.ts";
import { jobIdInput } from "./import-job-inputs.ts";
import { defineOperation } from "./operation.ts";

/** DescribeUserImportJob (docs/admin-users.md#user-import-jobs): the job with its status and counts. */
export const describeUserImportJob = defineOperation(
  "DescribeUserImportJob",
  jobIdInput,
  jobOperation(async ({ job }) => job),
);
