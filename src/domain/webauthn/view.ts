import type { PasskeyRecord } from "../../storage/ports.ts";

/**
 * "An automatically-generated friendly name" (the API reference of WebAuthnCredentialDescription);
 * Cognito's sample shows `Roaming passkey` for a cross-platform authenticator (decision: `Platform
 * passkey` for a platform one, `Passkey` when the client did not say).
 */
export function friendlyName(attachment: string | null): string {
  if (attachment === "cross-platform") return "Roaming passkey";
  if (attachment === "platform") return "Platform passkey";
  return "Passkey";
}

/** WebAuthnCredentialDescription as ListWebAuthnCredentials answers it (CreatedAt in epoch seconds). */
export function describePasskey(p: PasskeyRecord): Record<string, unknown> {
  return {
    ...(p.attachment !== null ? { AuthenticatorAttachment: p.attachment } : {}),
    AuthenticatorTransports: p.transports,
    CreatedAt: p.createdAt / 1000,
    CredentialId: p.credentialId,
    FriendlyCredentialName: p.friendlyName,
    RelyingPartyId: p.rpId,
  };
}
