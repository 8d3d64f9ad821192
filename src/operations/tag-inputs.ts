import { z } from "zod";

/** Shapes of the tag operations, from the API model (ArnType, TagKeysType, TagValueType). */
export const tagInputs = {
  resourceArn: z
    .string()
    .min(20)
    .max(2048)
    .regex(
      /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/,
    ),
  tagKey: z.string().min(1).max(128),
  get tags() {
    return z.record(tagInputs.tagKey, z.string().max(256));
  },
};
