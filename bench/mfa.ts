/**
 * MFA and remembered devices (docs/mfa.md, figures in docs/performance.md): CPU per sign-in with TOTP
 * (USER_PASSWORD_AUTH + SOFTWARE_TOKEN_MFA) beside a plain USER_PASSWORD_AUTH sign-in, and device-SRP
 * sign-ins per second (USER_PASSWORD_AUTH with DEVICE_KEY → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER,
 * client maths from test/helpers/srp-client.ts). The server runs in this process with a clock the
 * bench moves one TOTP step per TOTP sign-in (each code is accepted once); CPU is this process's
 * (process.cpuUsage), so it includes the loopback HTTP client, the same in both columns.
 *
 *   npx tsx bench/mfa.ts [--samples 200] [--seconds 5]
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startApp } from "../src/app.ts";
import { currentTotp } from "../src/domain/mfa/totp.ts";
import { computeX, G, padHex, powModN } from "../src/srp/index.ts";
import { srpRespond, srpStart } from "../test/helpers/srp-client.ts";
import { testConfig } from "../test/helpers/test-config.ts";
import { type CallResult, createClient } from "./lib/http-client.ts";

const { values } = parseArgs({
  options: { samples: { type: "string", default: "200" }, seconds: { type: "string", default: "5" } },
});
const samples = Number(values.samples);
const seconds = Number(values.seconds);
const PASSWORD = "Bench-Passw0rd!";

let offset = 0;
const clock = { now: () => Date.now() + offset };
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-bench-mfa-"));
const app = await startApp(testConfig({ data: dataDir }), { clock });
const http = createClient({ maxSockets: 4 });
const call = async (op: string, body: unknown): Promise<Record<string, unknown>> => {
  const r: CallResult = await http.call(app.url, op, body);
  if (r.status !== 200) throw new Error(`${op}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
};
type Auth = {
  AuthenticationResult?: {
    AccessToken: string;
    NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
  };
  Session?: string;
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
};

async function pool(settings: Record<string, unknown>): Promise<{ poolId: string; clientId: string }> {
  const p = (await call("CreateUserPool", { PoolName: "bench", ...settings })) as {
    UserPool: { Id: string };
  };
  const poolId = p.UserPool.Id;
  const c = (await call("CreateUserPoolClient", {
    UserPoolId: poolId,
    ClientName: "bench",
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  })) as { UserPoolClient: { ClientId: string } };
  return { poolId, clientId: c.UserPoolClient.ClientId };
}

async function user(poolId: string, name: string): Promise<void> {
  await call("AdminCreateUser", { UserPoolId: poolId, Username: name, MessageAction: "SUPPRESS" });
  await call("AdminSetUserPassword", {
    UserPoolId: poolId,
    Username: name,
    Password: PASSWORD,
    Permanent: true,
  });
}

const signIn = (clientId: string, name: string, extra: Record<string, string> = {}) =>
  call("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: clientId,
    AuthParameters: { USERNAME: name, PASSWORD, ...extra },
  }) as Promise<Auth>;

function cpuPer(n: number, run: () => Promise<void>): Promise<number> {
  return (async () => {
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) await run();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / n;
  })();
}

// TOTP pool: one user with a verified, preferred TOTP token; one without MFA.
const totpPool = await pool({});
await call("SetUserPoolMfaConfig", {
  UserPoolId: totpPool.poolId,
  MfaConfiguration: "OPTIONAL",
  SoftwareTokenMfaConfiguration: { Enabled: true },
});
await user(totpPool.poolId, "plain");
await user(totpPool.poolId, "totp");
const access = (await signIn(totpPool.clientId, "totp")).AuthenticationResult?.AccessToken;
const { SecretCode } = (await call("AssociateSoftwareToken", { AccessToken: access })) as {
  SecretCode: string;
};
await call("VerifySoftwareToken", { AccessToken: access, UserCode: currentTotp(SecretCode, clock.now()) });
await call("SetUserMFAPreference", {
  AccessToken: access,
  SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
});

const plainMs = await cpuPer(samples, async () => {
  await signIn(totpPool.clientId, "plain");
});
const totpMs = await cpuPer(samples, async () => {
  offset += 30_000; // the next step: each code is accepted once
  const r = await signIn(totpPool.clientId, "totp");
  await call("RespondToAuthChallenge", {
    ClientId: totpPool.clientId,
    ChallengeName: "SOFTWARE_TOKEN_MFA",
    Session: r.Session,
    ChallengeResponses: { USERNAME: "totp", SOFTWARE_TOKEN_MFA_CODE: currentTotp(SecretCode, clock.now()) },
  });
});

// Device pool: one user with one confirmed device.
const devPool = await pool({ DeviceConfiguration: { ChallengeRequiredOnNewDevice: true } });
await user(devPool.poolId, "dev");
const first = (await signIn(devPool.clientId, "dev")).AuthenticationResult;
const meta = first?.NewDeviceMetadata;
if (!first || !meta) throw new Error("no NewDeviceMetadata");
const devicePassword = randomBytes(40).toString("base64");
const saltHex = padHex(BigInt(`0x${randomBytes(16).toString("hex")}`));
const v = powModN(G, computeX(meta.DeviceGroupKey, meta.DeviceKey, devicePassword, saltHex));
await call("ConfirmDevice", {
  AccessToken: first.AccessToken,
  DeviceKey: meta.DeviceKey,
  DeviceSecretVerifierConfig: {
    Salt: Buffer.from(saltHex, "hex").toString("base64"),
    PasswordVerifier: Buffer.from(padHex(v), "hex").toString("base64"),
  },
});

async function deviceSignIn(): Promise<void> {
  const r = await signIn(devPool.clientId, "dev", { DEVICE_KEY: meta?.DeviceKey ?? "" });
  const start = srpStart();
  const d = (await call("RespondToAuthChallenge", {
    ClientId: devPool.clientId,
    ChallengeName: "DEVICE_SRP_AUTH",
    Session: r.Session,
    ChallengeResponses: { USERNAME: "dev", DEVICE_KEY: meta?.DeviceKey, SRP_A: start.srpA },
  })) as Auth;
  const params = { ...d.ChallengeParameters, USER_ID_FOR_SRP: meta?.DeviceKey ?? "" };
  const proof = srpRespond(`x_${meta?.DeviceGroupKey}`, start, params, devicePassword);
  const done = (await call("RespondToAuthChallenge", {
    ClientId: devPool.clientId,
    ChallengeName: "DEVICE_PASSWORD_VERIFIER",
    Session: d.Session,
    ChallengeResponses: { ...proof, USERNAME: "dev", DEVICE_KEY: meta?.DeviceKey },
  })) as Auth;
  if (!done.AuthenticationResult?.AccessToken) throw new Error("device sign-in failed");
}
await deviceSignIn(); // warm-up, and proves the exchange
const deviceCpuMs = await cpuPer(Math.max(10, Math.floor(samples / 4)), deviceSignIn);
let count = 0;
const end = Date.now() + seconds * 1000;
while (Date.now() < end) {
  await deviceSignIn();
  count++;
}

console.log(
  `MFA bench (${samples} samples, one client, in-process server on SQLite; CPU includes the client)`,
);
console.log(`  plain USER_PASSWORD_AUTH sign-in       ${plainMs.toFixed(2)} ms CPU`);
console.log(
  `  USER_PASSWORD_AUTH + SOFTWARE_TOKEN_MFA ${totpMs.toFixed(2)} ms CPU  (+${(totpMs - plainMs).toFixed(2)} ms)`,
);
console.log(
  `  device-SRP sign-in (3 calls)           ${deviceCpuMs.toFixed(2)} ms CPU, client SRP maths included`,
);
console.log(
  `  device-SRP sign-ins per second         ${(count / seconds).toFixed(1)} (${count} in ${seconds} s, one client)`,
);

http.close();
await app.close();
rmSync(dataDir, { recursive: true, force: true });
