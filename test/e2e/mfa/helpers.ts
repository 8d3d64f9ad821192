import assert from "node:assert/strict";
import {
  AdminInitiateAuthCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  type SetUserPoolMfaConfigCommandInput,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { currentTotp, TOTP_PERIOD_SECONDS } from "../../../src/domain/mfa/totp.ts";
import { confirmedUser, poolWithClient, uniq } from "../../helpers/fixtures.ts";
import type { TestServer } from "../../helpers/server.ts";

/** Shared set-up of the MFA end-to-end tests (docs/mfa.md). */
export const SNS = {
  SnsCallerArn: "arn:aws:iam::123456789012:role/sms-role",
  ExternalId: "x1",
  SnsRegion: "us-east-1",
};
export const SES = {
  EmailSendingAccount: "DEVELOPER" as const,
  SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com",
};
export const STEP_MS = TOTP_PERIOD_SECONDS * 1000;

export { currentTotp };

/** A pool with every MFA factor on (mode as given), device tracking when asked, and a client with every flow. */
export async function mfaPool(
  s: TestServer,
  mode: "ON" | "OPTIONAL",
  opts: {
    factors?: Partial<SetUserPoolMfaConfigCommandInput>;
    devices?: { ChallengeRequiredOnNewDevice?: boolean; DeviceOnlyRememberedOnUserPrompt?: boolean };
  } = {},
): Promise<{ poolId: string; clientId: string }> {
  const ids = await poolWithClient(s, {
    pool: { EmailConfiguration: SES, ...(opts.devices ? { DeviceConfiguration: opts.devices } : {}) },
  });
  await s.client.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: ids.poolId,
      MfaConfiguration: mode,
      ...(opts.factors ?? {
        SmsMfaConfiguration: { SmsAuthenticationMessage: "Your code is {####}", SmsConfiguration: SNS },
        SoftwareTokenMfaConfiguration: { Enabled: true },
        EmailMfaConfiguration: { Message: "Your email code is {####}", Subject: "Code" },
      }),
    }),
  );
  return ids;
}

export const passwordAuth = (
  s: TestServer,
  clientId: string,
  username: string,
  password = "Passw0rd!",
  extra: Record<string, string> = {},
): Promise<InitiateAuthCommandOutput> =>
  s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password, ...extra },
    }),
  );

export const adminPasswordAuth = (
  s: TestServer,
  poolId: string,
  clientId: string,
  username: string,
  password = "Passw0rd!",
) =>
  s.client.send(
    new AdminInitiateAuthCommand({
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      UserPoolId: poolId,
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );

/**
 * A confirmed user with a verified TOTP token, enabled and preferred, set up while MFA was not yet
 * asked (the pool is OPTIONAL and the user had no method). Returns the secret; the clock is moved one
 * step on so the setup code is not the next one expected.
 */
export async function totpUser(
  s: TestServer,
  clock: { now(): number; advance(ms: number): void },
  ids: { poolId: string; clientId: string },
  attributes: Record<string, string> = {},
): Promise<{ name: string; secret: string }> {
  const name = uniq("totp");
  await confirmedUser(s, ids.poolId, name, "Passw0rd!", attributes);
  const r = await passwordAuth(s, ids.clientId, name);
  const access = r.AuthenticationResult?.AccessToken;
  assert.ok(access, `expected tokens, got ${r.ChallengeName}`);
  const { SecretCode } = await s.client.send(new AssociateSoftwareTokenCommand({ AccessToken: access }));
  assert.ok(SecretCode);
  await s.client.send(
    new VerifySoftwareTokenCommand({
      AccessToken: access,
      UserCode: currentTotp(SecretCode, clock.now()),
      FriendlyDeviceName: "phone",
    }),
  );
  await s.client.send(
    new SetUserMFAPreferenceCommand({
      AccessToken: access,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  clock.advance(STEP_MS);
  return { name, secret: SecretCode };
}
