import { z } from "zod";
import { shapes } from "../protocol/validation.ts";

/** Shapes of the tag operations, from the API model (ArnType, TagKeysType, TagValueType). */
export const tagInputs = {
  resourceArn: shapes.arn,
  tagKey: z.string().min(1).max(128),
  get tags() {
    return z.record(tagInputs.tagKey, z.string().max(256));
  },
};
