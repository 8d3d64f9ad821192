import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CompleteWebAuthnRegistrationCommand,
  DeleteWebAuthnCredentialCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { confirmedUser, createClient, createPool, expectCognitoError } from "../../helpers/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../../helpers/server.ts";
import { SoftAuthenticator } from "../../helpers/soft-authenticator.ts";

/**
 * Passkeys with the AWS SDK v3 (docs/passkeys.md): registration, listing, deletion and WEB_AUTHN
 * sign-in, each refusal, with a software authenticator (the browser test uses Chrome's virtual one).
 */
const PW = "Passw0rd!";
const ORIGIN = "http://localhost:5173";
let s: TestServer;
let poolId: string;
let clientId: string;
let otherClient: string;

async function rawPool(body: Record<string, unknown>): Promise<string> {
  const r = await rawCall(s.url, "CreateUserPool", JSON.stringify({ PoolName: "passkeys", ...body }));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return (r.json.UserPool as { Id: string }).Id;
}

const tokenFor = async (client: string, username: string) => {
  const r = await s.client.send(
    new InitiateAuthCommand({
      ClientId: client,
      AuthFlow: "USER_AUTH",
      AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: PW },
    }),
  );
  assert.ok(r.AuthenticationResult?.AccessToken);
  return r.AuthenticationResult.AccessToken;
};

before(async () => {
  s = await startTestServer();
  poolId = await rawPool({
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
    WebAuthnRelyingPartyID: "localhost",
    WebAuthnUserVerification: "required",
  });
  clientId = await createClient(s, poolId, "ENABLED", { ExplicitAuthFlows: ["ALLOW_USER_AUTH"] });
  otherClient = await createClient(s, poolId, "ENABLED", { ExplicitAuthFlows: ["ALLOW_USER_AUTH"] });
  for (const u of ["pat", "quinn"]) await confirmedUser(s, poolId, u, PW);
});
after(() => s.stop());

const start = async (token: string) =>
  (await s.client.send(new StartWebAuthnRegistrationCommand({ AccessToken: token })))
    .CredentialCreationOptions as Record<string, unknown>;
const complete = (token: string, credential: object) =>
  s.client.send(
    new CompleteWebAuthnRegistrationCommand({
      AccessToken: token,
      Credential: credential as Record<string, never>,
    }),
  );

test("register, list, sign in with WEB_AUTHN, replay refused, delete", async () => {
  const token = await tokenFor(clientId, "pat");
  const options = await start(token);
  assert.deepEqual(options.rp, { id: "localhost", name: "localhost" });
  assert.deepEqual(options.authenticatorSelection, {
    requireResidentKey: true,
    residentKey: "required",
    userVerification: "required",
  });
  assert.deepEqual(options.pubKeyCredParams, [
    { alg: -7, type: "public-key" },
    { alg: -257, type: "public-key" },
  ]);
  assert.equal((options.user as { name: string }).name, "pat");
  const auth = new SoftAuthenticator(ORIGIN);
  await complete(token, auth.create(options));

  const list = await s.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }));
  assert.equal(list.Credentials?.length, 1);
  const c = list.Credentials?.[0];
  assert.equal(c?.FriendlyCredentialName, "Platform passkey");
  assert.equal(c?.RelyingPartyId, "localhost");
  assert.equal(c?.AuthenticatorAttachment, "platform");
  assert.deepEqual(c?.AuthenticatorTransports, ["internal", "hybrid"]);
  assert.ok(c?.CreatedAt instanceof Date);
  // A second registration excludes the first.
  const again = await start(token);
  assert.deepEqual(again.excludeCredentials, [{ id: c?.CredentialId, type: "public-key" }]);

  const sel = await s.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_AUTH",
      AuthParameters: { USERNAME: "pat" },
    }),
  );
  assert.deepEqual(sel.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN"]);
  const w = await s.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "SELECT_CHALLENGE",
      Session: sel.Session,
      ChallengeResponses: { USERNAME: "pat", ANSWER: "WEB_AUTHN" },
    }),
  );
  assert.equal(w.ChallengeName, "WEB_AUTHN");
  const opts = JSON.parse(w.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}");
  assert.equal(opts.rpId, "localhost");
  assert.equal(opts.userVerification, "required");
  assert.deepEqual(opts.allowCredentials, [
    { type: "public-key", id: c?.CredentialId, transports: ["internal", "hybrid"] },
  ]);
  const assertion = auth.get(opts);
  const ok = await s.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "WEB_AUTHN",
      Session: w.Session,
      ChallengeResponses: { USERNAME: "pat", CREDENTIAL: JSON.stringify(assertion) },
    }),
  );
  assert.ok(ok.AuthenticationResult?.AccessToken);

  // A fresh challenge answered with an old counter (a cloned authenticator) fails.
  const w2 = await s.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_AUTH",
      AuthParameters: { USERNAME: "pat", PREFERRED_CHALLENGE: "WEB_AUTHN" },
    }),
  );
  const opts2 = JSON.parse(w2.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}");
  await expectCognitoError(
    s.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "WEB_AUTHN",
        Session: w2.Session,
        ChallengeResponses: {
          USERNAME: "pat",
          CREDENTIAL: JSON.stringify(auth.get(opts2, { replayCounter: true })),
        },
      }),
    ),
    "NotAuthorizedException",
    "Incorrect username or password.",
  );

  await expectCognitoError(
    s.client.send(new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: "nope" })),
    "ResourceNotFoundException",
    "Credential not found.",
  );
  await s.client.send(
    new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: c?.CredentialId }),
  );
  const empty = await s.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }));
  assert.deepEqual(empty.Credentials, []);
});

test("registration refusals: origin, RP ID, challenge, client, user verification", async () => {
  const token = await tokenFor(clientId, "quinn");
  const auth = new SoftAuthenticator(ORIGIN);
  await expectCognitoError(
    complete(token, auth.create(await start(token), { origin: "https://evil.example" })),
    "WebAuthnOriginNotAllowedException",
  );
  await expectCognitoError(
    complete(token, auth.create(await start(token), { rpId: "example.com" })),
    "WebAuthnRelyingPartyMismatchException",
  );
  await expectCognitoError(
    complete(token, auth.create(await start(token), { challenge: "A".repeat(43) })),
    "WebAuthnChallengeNotFoundException",
  );
  const reused = await start(token);
  const cred = auth.create(reused);
  await complete(token, cred);
  await expectCognitoError(complete(token, cred), "WebAuthnChallengeNotFoundException");
  const other = await tokenFor(otherClient, "quinn");
  await expectCognitoError(
    complete(other, auth.create(await start(token))),
    "WebAuthnClientMismatchException",
  );
  const noUv = new SoftAuthenticator(ORIGIN, { userVerified: false });
  await expectCognitoError(
    complete(token, noUv.create(await start(token))),
    "WebAuthnCredentialNotSupportedException",
  );
});

test("WebAuthnNotEnabledException and WebAuthnConfigurationMissingException", async () => {
  const noPasskeys = await createPool(s, {});
  const c1 = await createClient(s, noPasskeys, "LEGACY", { ExplicitAuthFlows: ["ALLOW_USER_AUTH"] });
  await confirmedUser(s, noPasskeys, "rae", PW);
  await expectCognitoError(
    s.client.send(new StartWebAuthnRegistrationCommand({ AccessToken: await tokenFor(c1, "rae") })),
    "WebAuthnNotEnabledException",
  );
  const noRp = await createPool(s, {
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
  });
  const c2 = await createClient(s, noRp, "LEGACY", { ExplicitAuthFlows: ["ALLOW_USER_AUTH"] });
  await confirmedUser(s, noRp, "sam", PW);
  await expectCognitoError(
    s.client.send(new StartWebAuthnRegistrationCommand({ AccessToken: await tokenFor(c2, "sam") })),
    "WebAuthnConfigurationMissingException",
  );
  await expectCognitoError(
    s.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: "not.a.token" })),
    "NotAuthorizedException",
  );
});

test("an unknown name: a WEB_AUTHN challenge whose every assertion fails like a wrong one", async () => {
  const ask = (name: string) =>
    s.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: name, PREFERRED_CHALLENGE: "WEB_AUTHN" },
      }),
    );
  // About one name in two is shown a passkey (docs/existence.md#user_auth-simulated-challenges).
  let name = "";
  for (let i = 0; i < 16 && !name; i++) {
    if ((await ask(`nobody${i}`)).ChallengeName === "WEB_AUTHN") name = `nobody${i}`;
  }
  assert.ok(name, "some unknown name is shown a passkey");
  const [a, b] = [await ask(name), await ask(name)];
  assert.equal(a.ChallengeName, "WEB_AUTHN");
  const oa = JSON.parse(a.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}");
  const ob = JSON.parse(b.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}");
  assert.deepEqual(oa.allowCredentials, ob.allowCredentials, "stable per name");
  assert.ok(oa.allowCredentials.length >= 1);
  assert.notEqual(oa.challenge, ob.challenge);
  const auth = new SoftAuthenticator(ORIGIN);
  auth.create({ rp: { id: "localhost" }, user: { id: "eA" }, challenge: "x" });
  await expectCognitoError(
    s.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "WEB_AUTHN",
        Session: a.Session,
        ChallengeResponses: {
          USERNAME: a.ChallengeParameters?.USERNAME ?? "",
          CREDENTIAL: JSON.stringify(auth.get(oa)),
        },
      }),
    ),
    "NotAuthorizedException",
    "Incorrect username or password.",
  );
});
