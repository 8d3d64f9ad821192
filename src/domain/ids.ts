import { randomBytes, randomInt, randomUUID } from "node:crypto";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const LOWER_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz";

function pick(alphabet: string, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** `<region>_<9 alphanumerics>`, like `ap-southeast-1_zeN7E8U11` (docs/wire-protocol.md). */
export const newPoolId = (region: string): string => `${region}_${pick(ALNUM, 9)}`;

/** 26 lowercase alphanumerics, like `63c35pra6tui4vlgt06nr8la2f`. */
export const newClientId = (): string => pick(LOWER_ALNUM, 26);

/** Client secrets: 51 lowercase alphanumerics (within the model's 24–64 `[\w+]+`). */
export const newClientSecret = (): string => pick(LOWER_ALNUM, 51);

/** The immutable `sub`: a random UUID (clients treat it as opaque). */
export const newSub = (): string => randomUUID();

/** Random hex of `bytes` bytes. */
export const randomHex = (bytes: number): string => randomBytes(bytes).toString("hex");

/** A numeric code of `digits` digits (confirmation and reset codes are 6 digits). */
export const newNumericCode = (digits = 6): string => pick("0123456789", digits);

export const poolArn = (region: string, poolId: string): string =>
  `arn:aws:cognito-idp:${region}:000000000000:userpool/${poolId}`;
