import { z } from "zod";
import { PROVIDER_TYPES } from "../domain/oauth/providers.ts";
import { shapes } from "../protocol/validation.ts";

/** Input shapes of the domain, resource-server and identity-provider operations (AWS API model). */
export const oauthShapes = {
  /** A prefix domain; an FQDN (custom domain) passes the shape and is refused by the handler. */
  domain: z
    .string()
    .min(1)
    .max(63)
    .regex(/^[a-z0-9](?:[a-z0-9.-]{0,61}[a-z0-9])?$/),
  managedLoginVersion: z.number().int().min(1).max(2),
  customDomainConfig: z.object({ CertificateArn: z.string().min(20).max(2048) }),
  identifier: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/),
  resourceServerName: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[\w\s+=,.@-]+$/),
  scopes: z
    .array(
      z.object({
        ScopeName: z
          .string()
          .min(1)
          .max(256)
          .regex(/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/),
        ScopeDescription: z.string().min(1).max(256),
      }),
    )
    .max(100),
  maxResults: (max: number) => z.number().int().min(1).max(max),
  nextToken: shapes.paginationKey.max(2048),
  providerName: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u),
  /** Describe/Delete accept the looser ProviderNameType. */
  providerNameAny: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u),
  providerType: z.enum(PROVIDER_TYPES),
  details: z.record(z.string(), z.string()),
  mapping: z.record(z.string().min(1).max(32), z.string().max(131072)),
  idpIdentifiers: z
    .array(
      z
        .string()
        .min(1)
        .max(40)
        .regex(/^[\w\s+=.@-]+$/),
    )
    .max(50),
  idpIdentifier: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[\w\s+=.@-]+$/),
  providerUser: z.object({
    ProviderName: z.string().min(1).max(32).optional(),
    ProviderAttributeName: z.string().optional(),
    ProviderAttributeValue: z.string().optional(),
  }),
};
