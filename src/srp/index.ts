/** SRP for cognito-idp, as amazon-cognito-identity-js and Amplify compute it (docs/srp.md). */
export {
  computePasswordClaim,
  computeU,
  deriveKey,
  type PasswordClaimInput,
  verifyPasswordClaim,
} from "./claim.ts";
export { equalBytes, equalStrings } from "./constant-time.ts";
export {
  checkPassword,
  computeX,
  createCredential,
  renderSalt,
  SALT_BYTES,
  type SrpCredential,
  srpPoolName,
} from "./credential.ts";
export { type FakeSrpCredential, fakeCredential, fakeVerifier, type SeedMac, uuidFromBytes } from "./fake.ts";
export { G, K, N, N_BYTES, padHex, parseHex, Q, toFixedHex, toHex } from "./group.ts";
export { hashUtf8, hexHash } from "./hash.ts";
export { countModExps, modExpImplementation, modPowBigInt, modPowNative, powModN } from "./modexp.ts";
export { B_SECRET_BYTES, type ServerSession, startServerSession, validateA } from "./session.ts";
export { formatTimestamp, parseTimestamp } from "./timestamp.ts";
