/**
 * The masked `Destination` of CodeDeliveryDetails (docs/existence.md#masks), for real and simulated deliveries alike,
 * so both have the same format and, for ASCII addresses, the same length.
 */

/**
 * `Sam@Gmail.com` → `s***@g***`: first character of the local part and of the domain, lower-cased,
 * TLD dropped. Lower-cased because a fabricated mask (below) has no case to keep: a real address's
 * stored capital would otherwise mark the answer as a real user's (docs/existence.md#masks).
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  const local = at > 0 ? address.slice(0, at) : address;
  const domain = at >= 0 ? address.slice(at + 1) : "";
  return `${[...local][0] ?? ""}***@${[...domain][0] ?? ""}***`.toLowerCase();
}

/** `+12065551234` → `+*******1234`: the `+`, one `*` per hidden digit, the last four digits. */
export function maskPhone(number: string): string {
  const digits = number.replace(/\D/g, "");
  const shown = digits.slice(-4);
  return `+${"*".repeat(Math.max(0, digits.length - shown.length))}${shown}`;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/**
 * A fabricated masked email from MAC bytes: two letters, `x***@y***`. The modulo bias (256 = 9·26 + 22)
 * makes a–v very slightly likelier than w–z; real first letters are far less uniform than that.
 */
export function fabricatedEmailMask(mac: Buffer): string {
  const a = LETTERS[(mac[0] ?? 0) % 26] ?? "a";
  const b = LETTERS[(mac[1] ?? 0) % 26] ?? "a";
  return `${a}***@${b}***`;
}

/** A fabricated masked phone number: 11 digits (the length of a +1 number), the last four from the MAC. */
export function fabricatedPhoneMask(mac: Buffer): string {
  const n = ((mac[2] ?? 0) * 256 + (mac[3] ?? 0)) % 10000;
  return `+*******${String(n).padStart(4, "0")}`;
}
