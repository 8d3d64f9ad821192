import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminSetUserMFAPreferenceCommand,
  type AdminSetUserMFAPreferenceCommandInput,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  InitiateAuthCommand,
  SetUserPoolMfaConfigCommand,
  type SetUserPoolMfaConfigCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import {
  arn,
  confirmedUser,
  currentTotp,
  EVERY_FACTOR,
  lastCode,
  movableClock,
  SES,
  type SeenEvent,
  serverWithStub,
  totpUser,
  uniq,
} from "../../helpers/fixtures.ts";
import {
  Browser,
  CALLBACK,
  formOf,
  type HostedPool,
  hostedPool,
  oauthClient,
  signInOnPage,
} from "../../helpers/hosted.ts";
import type { LambdaStub } from "../../helpers/lambda-stub.ts";
import type { TestServer } from "../../helpers/server.ts";

/**
 * The sign-in steps after the password on the managed-login pages (docs/oauth.md#sign-in-steps),
 * walked with fetch as a browser without JavaScript: SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE then
 * SOFTWARE_TOKEN_MFA, and CUSTOM_CHALLENGE after a password checked by SRP — each answered through
 * RespondToAuthChallenge's code, ending at the callback with a code that redeems; codes come from
 * the dev outbox. Under ENABLED an unknown name sees the bytes a wrong password sees, in an MFA pool
 * and in a custom-challenge pool alike.
 */
const clock = movableClock();
let s: TestServer;
let stub: LambdaStub;
let stop: () => Promise<void>;
before(async () => {
  ({ s, stub, stop } = await serverWithStub({}, { clock }));
});
after(() => stop());

const PASSWORD = "Passw0rd!";
const SCOPE = "openid aws.cognito.signin.user.admin";

function authorizeUrl(hp: HostedPool, clientId: string): string {
  const q = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: CALLBACK,
    scope: SCOPE,
    state: "st",
  });
  return `${hp.base}/oauth2/authorize?${q}`;
}

/** Posts a step page's form with `answer` merged over its fields. */
async function answerStep(
  b: Browser,
  html: string,
  answer: Record<string, string>,
): Promise<{ status: number; location: string; html: string }> {
  const { action, fields } = formOf(html);
  assert.match(action, /\/login\/challenge$/);
  const res = await b.post(new URL(action, s.url).toString(), { ...fields, ...answer });
  return {
    status: res.status,
    location: res.headers.get("location") ?? "",
    html: res.status === 302 ? "" : await res.text(),
  };
}

/** Redeems the code of a callback URL at the token endpoint (a public client, no PKCE). */
async function redeem(hp: HostedPool, clientId: string, location: string) {
  assert.ok(location.startsWith(`${CALLBACK}?code=`), location);
  const code = new URL(location).searchParams.get("code") ?? "";
  const res = await fetch(`${hp.base}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: clientId,
      code,
      redirect_uri: CALLBACK,
    }).toString(),
  });
  assert.equal(res.status, 200);
  return (await res.json()) as { access_token: string; id_token: string; refresh_token: string };
}

/** Signs in on the pages of `hp` through `clientId` in browser `b`, with PASSWORD unless given. */
const signIn = (b: Browser, hp: HostedPool, clientId: string, name: string, password = PASSWORD) =>
  signInOnPage(b, s.url, authorizeUrl(hp, clientId), name, password);

/** A fresh browser signed in with the right password, on the first step's page (status 200). */
async function firstStep(hp: HostedPool, clientId: string, name: string) {
  const b = new Browser();
  const login = await signIn(b, hp, clientId, name);
  assert.equal(login.status, 200, login.html);
  return { b, login };
}

/** A step that ended at the callback: its code redeems for `name`'s tokens, which it returns. */
async function expectSignedIn(
  hp: HostedPool,
  clientId: string,
  step: { status: number; location: string; html: string },
  name: string,
) {
  assert.equal(step.status, 302, step.html);
  const tokens = await redeem(hp, clientId, step.location);
  assert.equal(decodeJwt(tokens.access_token).username, name);
  return tokens;
}

/** Under ENABLED, an unknown name sees the very page a wrong password for `name` shows. */
async function expectUnknownLikeWrong(b: Browser, hp: HostedPool, clientId: string, name: string) {
  const wrong = await signIn(b, hp, clientId, name, "Wrong-passw0rd");
  const unknown = await signIn(b, hp, clientId, uniq("nobody"), "Wrong-passw0rd");
  assert.equal(wrong.status, 400);
  assert.match(wrong.html, /Incorrect username or password\./);
  assert.deepEqual(unknown, wrong);
}

/** A pool with these MFA settings, with a domain and an ENABLED OAuth client (`client` added to its settings). */
async function mfaHostedPool(
  settings: Omit<SetUserPoolMfaConfigCommandInput, "UserPoolId">,
  client: Partial<CreateUserPoolClientCommandInput> = {},
) {
  const hp = await hostedPool(s, { EmailConfiguration: SES });
  await s.client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: hp.poolId, ...settings }));
  const { clientId } = await oauthClient(s, hp.poolId, { PreventUserExistenceErrors: "ENABLED", ...client });
  return { hp, clientId };
}

let mfa: { hp: HostedPool; clientId: string } | undefined;

/** One pool with every MFA factor (OPTIONAL), a domain, and an OAuth client that also allows the password flow (for setting up TOTP). */
async function mfaSite() {
  mfa ??= await mfaHostedPool(
    { MfaConfiguration: "OPTIONAL", ...EVERY_FACTOR },
    { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
  );
  return mfa;
}

async function mfaUser(
  poolId: string,
  attributes: Record<string, string>,
  settings: Omit<AdminSetUserMFAPreferenceCommandInput, "UserPoolId" | "Username">,
): Promise<string> {
  const name = uniq("mfa");
  await confirmedUser(s, poolId, name, PASSWORD, attributes);
  await s.client.send(
    new AdminSetUserMFAPreferenceCommand({ ...settings, UserPoolId: poolId, Username: name }),
  );
  return name;
}

/** A user whose preferred factor is SMS, to +1 206 555 1234. */
const smsUser = (poolId: string) =>
  mfaUser(
    poolId,
    { phone_number: "+12065551234" },
    { SMSMfaSettings: { Enabled: true, PreferredMfa: true } },
  );

test("SMS_MFA: a code page; a wrong code shows the API's refusal on it; the right one ends at the callback", async () => {
  const { hp, clientId } = await mfaSite();
  const name = await smsUser(hp.poolId);
  const { b, login } = await firstStep(hp, clientId, name);
  assert.match(login.html, /<h1>Enter your code<\/h1>/);
  assert.match(login.html, /by text message to \+\*\*\*\*\*\*\*1234\./);
  const code = await lastCode(s, hp.poolId, name, "MFA");

  const wrong = await answerStep(b, login.html, { code: code === "000000" ? "111111" : "000000" });
  assert.equal(wrong.status, 400);
  assert.match(wrong.html, /role="alert"[^>]*>Invalid code received for user</);
  assert.match(wrong.html, /\+\*\*\*\*\*\*\*1234/, "the page is shown again, with its destination");

  const right = await answerStep(b, wrong.html, { code });
  const tokens = await expectSignedIn(hp, clientId, right, name);

  // A refresh of this OAuth sign-in through the API keeps its scopes (mintFor reads the grant of
  // OAuth families only: docs/oauth.md#tokens).
  const refreshed = await s.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "REFRESH_TOKEN_AUTH",
      AuthParameters: { REFRESH_TOKEN: tokens.refresh_token },
    }),
  );
  assert.equal(decodeJwt(refreshed.AuthenticationResult?.AccessToken ?? "").scope, SCOPE);
});

test("EMAIL_OTP: the code goes by email and the page names its masked address", async () => {
  const { hp, clientId } = await mfaSite();
  const name = await mfaUser(
    hp.poolId,
    { email: `${uniq("e")}@example.com`, email_verified: "true" },
    { EmailMfaSettings: { Enabled: true, PreferredMfa: true } },
  );
  const { b, login } = await firstStep(hp, clientId, name);
  assert.match(login.html, /by email to [^<]*\*\*\*/);
  const right = await answerStep(b, login.html, { code: await lastCode(s, hp.poolId, name, "MFA") });
  await expectSignedIn(hp, clientId, right, name);
});

test("SELECT_MFA_TYPE: a choice of factors, then the authenticator-code page for the one chosen", async () => {
  const { hp, clientId } = await mfaSite();
  const { name, secret } = await totpUser(
    s,
    clock,
    { poolId: hp.poolId, clientId },
    { phone_number: "+12065550000" },
  );
  await s.client.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: hp.poolId,
      Username: name,
      SMSMfaSettings: { Enabled: true, PreferredMfa: false },
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
    }),
  );
  const { b, login } = await firstStep(hp, clientId, name);
  assert.match(login.html, /<h1>Choose how to verify<\/h1>/);
  assert.match(login.html, /<legend>Verify with<\/legend>/);
  assert.match(login.html, /value="SOFTWARE_TOKEN_MFA"/);
  assert.match(login.html, /value="SMS_MFA"/);

  const totpPage = await answerStep(b, login.html, { answer: "SOFTWARE_TOKEN_MFA" });
  assert.equal(totpPage.status, 200, totpPage.html);
  assert.match(totpPage.html, /<h1>Enter your authenticator code<\/h1>/);
  assert.match(totpPage.html, /authenticator app \(phone\) shows/);
  const done = await answerStep(b, totpPage.html, { code: currentTotp(secret, clock.now()) });
  await expectSignedIn(hp, clientId, done, name);
});

test("ENABLED in an MFA pool: an unknown name sees exactly the page a wrong password shows", async () => {
  const { hp, clientId } = await mfaSite();
  await expectUnknownLikeWrong(new Browser(), hp, clientId, await smsUser(hp.poolId));
});

/** A pool whose MFA is ON with the given factors, with a domain and an OAuth client (no user has a factor yet). */
const setupSite = (factors: "totp" | "email") =>
  mfaHostedPool({
    MfaConfiguration: "ON",
    ...(factors === "totp"
      ? { SoftwareTokenMfaConfiguration: { Enabled: true } }
      : { EmailMfaConfiguration: { Message: "Your email code is {####}", Subject: "Code" } }),
  });

test("MFA_SETUP with an authenticator app: the page shows the key, the code from it signs in", async () => {
  const { hp, clientId } = await setupSite("totp");
  const name = uniq("setup");
  await confirmedUser(s, hp.poolId, name, PASSWORD);
  const { b, login } = await firstStep(hp, clientId, name);
  assert.match(login.html, /<h1>Set up your authenticator app<\/h1>/);
  const secret = /<code>([A-Z2-7]+)<\/code>/.exec(login.html)?.[1] ?? "";
  assert.ok(secret.length >= 16, login.html);
  assert.match(login.html, /href="otpauth:\/\/totp\/[^"]*secret=/);
  const right = currentTotp(secret, clock.now());
  const wrong = await answerStep(b, login.html, { code: right === "000000" ? "111111" : "000000" });
  assert.equal(wrong.status, 400);
  assert.match(wrong.html, /role="alert"[^>]*>Code mismatch and fail enable Software Token MFA</);
  assert.match(wrong.html, new RegExp(`<code>${secret}</code>`), "the key is shown again");
  const done = await answerStep(b, wrong.html, { code: right });
  await expectSignedIn(hp, clientId, done, name);
});

test("MFA_SETUP with email: the address given gets an EMAIL_OTP code, whose page signs in", async () => {
  const { hp, clientId } = await setupSite("email");
  const name = uniq("setupm");
  await confirmedUser(s, hp.poolId, name, PASSWORD);
  const { b, login } = await firstStep(hp, clientId, name);
  assert.match(login.html, /<h1>Set up sign-in codes by email<\/h1>/);
  const codePage = await answerStep(b, login.html, { email: `${name}@example.com` });
  assert.equal(codePage.status, 200, codePage.html);
  assert.match(codePage.html, /by email to /);
  const done = await answerStep(b, codePage.html, { code: await lastCode(s, hp.poolId, name, "MFA") });
  assert.equal(done.status, 302, done.html);
});

test("CUSTOM_CHALLENGE after a password checked by SRP: a question page, a new question after a wrong answer, the callback after the right one; unknown names look like wrong passwords", async () => {
  type History = Array<{ challengeName: string; challengeResult: boolean }>;
  stub.on<SeenEvent>("define", (e) => {
    const session = e.request.session as History;
    const last = session.at(-1);
    const response = { challengeName: "CUSTOM_CHALLENGE", issueTokens: false, failAuthentication: false };
    if (last?.challengeName === "SRP_A") response.challengeName = "PASSWORD_VERIFIER";
    else if (last?.challengeName === "CUSTOM_CHALLENGE" && last.challengeResult)
      Object.assign(response, { challengeName: null, issueTokens: true });
    else if (session.filter((c) => c.challengeName === "CUSTOM_CHALLENGE").length >= 3)
      Object.assign(response, { challengeName: null, failAuthentication: true });
    return { ...e, response };
  });
  stub.on<SeenEvent>("create", (e) => ({
    ...e,
    response: {
      publicChallengeParameters: { question: "2+2?" },
      privateChallengeParameters: { answer: "4" },
    },
  }));
  stub.on<SeenEvent>("verify", (e) => ({
    ...e,
    response: {
      answerCorrect:
        e.request.challengeAnswer === (e.request.privateChallengeParameters as { answer: string }).answer,
    },
  }));
  const hp = await hostedPool(s, {
    LambdaConfig: {
      DefineAuthChallenge: arn("define"),
      CreateAuthChallenge: arn("create"),
      VerifyAuthChallengeResponse: arn("verify"),
    },
  });
  const { clientId } = await oauthClient(s, hp.poolId, {
    PreventUserExistenceErrors: "ENABLED",
    ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  const name = uniq("quiz");
  await confirmedUser(s, hp.poolId, name, PASSWORD);

  const { b, login } = await firstStep(hp, clientId, name);
  assert.match(login.html, /<h1>Answer the challenge<\/h1>/);
  assert.match(login.html, /<dt>question<\/dt><dd>2\+2\?<\/dd>/);
  const again = await answerStep(b, login.html, { answer: "5" });
  assert.equal(again.status, 200, again.html);
  assert.match(again.html, /<h1>Answer the challenge<\/h1>/);
  const done = await answerStep(b, again.html, { answer: "4" });
  await expectSignedIn(hp, clientId, done, name);

  // A fresh browser: the one above holds a managed-login session now.
  await expectUnknownLikeWrong(new Browser(), hp, clientId, name);

  // A client without ALLOW_CUSTOM_AUTH signs in on the pages with the password alone.
  const plain = await s.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: hp.poolId,
      ClientName: "plain",
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "aws.cognito.signin.user.admin"],
      CallbackURLs: [CALLBACK],
      SupportedIdentityProviders: ["COGNITO"],
    }),
  );
  const plainId = plain.UserPoolClient?.ClientId ?? "";
  const direct = await signIn(new Browser(), hp, plainId, name);
  assert.equal(direct.status, 302, direct.html);
  assert.ok(direct.location.startsWith(`${CALLBACK}?code=`));
});
