/**
 * Simulated passkey descriptors for a name without a user (docs/existence.md#user_auth-simulated-challenges):
 * what `allowCredentials` of a real user looks like, derived from the name's MAC so that the same
 * name always shows the same credentials. Real credential ids are random bytes of an
 * authenticator-chosen length (16 for Chrome's and many platform authenticators, 32 or more for
 * security keys), base64url without padding; the transports are what a browser reports.
 */
const TRANSPORT_SETS: readonly string[][] = [
  ["internal", "hybrid"],
  ["internal"],
  ["hybrid", "internal"],
  ["usb"],
];

export interface CredentialDescriptor {
  type: "public-key";
  id: string;
  transports: string[];
}

export function simulatedDescriptors(mac: Buffer): CredentialDescriptor[] {
  // mac is 32 bytes: byte 21 picks the count (one, sometimes two) and the lengths, 22 the transports.
  const shape = mac[21] ?? 0;
  const count = shape % 4 === 0 ? 2 : 1;
  const out: CredentialDescriptor[] = [];
  for (let i = 0; i < count; i++) {
    const length = (shape >> (2 + i)) & 1 ? 32 : 16;
    const bytes = Buffer.concat([mac, Buffer.from(mac).reverse()]).subarray(i * 16, i * 16 + length);
    out.push({
      type: "public-key",
      id: bytes.toString("base64url"),
      transports: [...(TRANSPORT_SETS[((mac[22] ?? 0) + i) % TRANSPORT_SETS.length] ?? ["internal"])],
    });
  }
  return out;
}
