import { z } from "zod";
import { shapes } from "../protocol/validation.ts";

/**
 * Members shared by the unauthenticated sign-up and recovery operations (API model, docs/operations.md#signup, docs/operations.md#confirmsignup, docs/operations.md#resendconfirmationcode, docs/operations.md#forgotpassword, docs/operations.md#confirmforgotpassword).
 * Accepted and validated, otherwise unused: analytics and advanced-security context.
 */
export const publicClientMembers = {
  ClientId: shapes.clientId,
  SecretHash: shapes.secretHash.optional(),
  Username: shapes.username,
  ClientMetadata: shapes.stringMap.optional(),
  AnalyticsMetadata: z.object({ AnalyticsEndpointId: z.string().optional() }).optional(),
  UserContextData: z
    .object({ IpAddress: z.string().optional(), EncodedData: z.string().optional() })
    .optional(),
};
