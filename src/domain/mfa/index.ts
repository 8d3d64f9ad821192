/** MFA and remembered devices (docs/mfa.md). */
export * from "./pool-mfa.ts";
export * from "./totp.ts";
export * from "./user-mfa.ts";
