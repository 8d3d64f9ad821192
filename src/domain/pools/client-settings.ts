import { z } from "zod";

/** App-client settings as Create/UpdateUserPoolClient accept them (API model, docs/operations.md#createuserpoolclient). */
const unit = z.enum(["seconds", "minutes", "hours", "days"]);
const urls = z.array(z.string().min(1).max(1024)).max(100).optional();

export const EXPLICIT_AUTH_FLOWS = [
  "ADMIN_NO_SRP_AUTH",
  "CUSTOM_AUTH_FLOW_ONLY",
  "USER_PASSWORD_AUTH",
  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  "ALLOW_CUSTOM_AUTH",
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
  "ALLOW_USER_AUTH",
] as const;

export const clientSettings = z.object({
  ClientName: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w\s+=,.@-]+$/)
    .optional(),
  RefreshTokenValidity: z.number().int().min(0).max(315360000).optional(),
  AccessTokenValidity: z.number().int().min(1).max(86400).optional(),
  IdTokenValidity: z.number().int().min(1).max(86400).optional(),
  TokenValidityUnits: z
    .object({ AccessToken: unit.optional(), IdToken: unit.optional(), RefreshToken: unit.optional() })
    .optional(),
  ReadAttributes: z.array(z.string().min(1).max(32)).optional(),
  WriteAttributes: z.array(z.string().min(1).max(32)).optional(),
  ExplicitAuthFlows: z.array(z.enum(EXPLICIT_AUTH_FLOWS)).optional(),
  SupportedIdentityProviders: z.array(z.string().min(1).max(32)).optional(),
  CallbackURLs: urls,
  LogoutURLs: urls,
  DefaultRedirectURI: z.string().min(1).max(1024).optional(),
  AllowedOAuthFlows: z
    .array(z.enum(["code", "implicit", "client_credentials"]))
    .max(3)
    .optional(),
  AllowedOAuthScopes: z.array(z.string().min(1).max(256)).max(50).optional(),
  AllowedOAuthFlowsUserPoolClient: z.boolean().optional(),
  AnalyticsConfiguration: z.record(z.string(), z.unknown()).optional(),
  PreventUserExistenceErrors: z.enum(["LEGACY", "ENABLED"]).optional(),
  EnableTokenRevocation: z.boolean().optional(),
  EnablePropagateAdditionalUserContextData: z.boolean().optional(),
  AuthSessionValidity: z.number().int().min(3).max(15).optional(),
  RefreshTokenRotation: z
    .object({
      Feature: z.enum(["ENABLED", "DISABLED"]),
      RetryGracePeriodSeconds: z.number().int().min(0).max(60).optional(),
    })
    .optional(),
});

export type ClientSettings = z.infer<typeof clientSettings>;
