import { z } from "zod";
import { shapes } from "../protocol/validation.ts";

/** The job id as the API model constrains it (`import-[0-9a-zA-Z-]+`, 1–55). */
export const jobIdInput = z.object({
  UserPoolId: shapes.userPoolId,
  JobId: z
    .string()
    .min(1)
    .max(55)
    .regex(/^import-[0-9a-zA-Z-]+$/),
});
