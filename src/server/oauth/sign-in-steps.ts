import { type AuthContext, type AuthOutcome, respondToChallenge } from "../../domain/auth-flows/index.ts";
import { CognitoError } from "../../domain/errors/index.ts";
import { hostedPasswordSignIn } from "../../domain/oauth/hosted-sign-in.ts";
import { type Call, hostedContext, type PageForm, pageForm, runOperation, secretHashFor } from "./call.ts";
import { signedIn } from "./complete.ts";
import { sendHtml } from "./http.ts";
import { loginPage, newPasswordPage, type PageFrame, STEP_PAGES, type StepName, stepPage } from "./pages.ts";

/**
 * The sign-in pages (docs/oauth.md#sign-in-steps): the password on `/login`, then one page per step
 * the API's flow continues with — NEW_PASSWORD_REQUIRED, SMS_MFA, EMAIL_OTP, SOFTWARE_TOKEN_MFA,
 * SELECT_MFA_TYPE, MFA_SETUP, CUSTOM_CHALLENGE — each answered through RespondToAuthChallenge's own code in the
 * hosted context, until the flow ends in `signed-in` and the browser goes back with a code. Every
 * refusal is the API's message; the pages add no answer of their own that could tell names apart.
 */

const UNOFFERED = "This account needs a sign-in step that these pages do not offer.";

/** Which form field answers each step, and the ChallengeResponses key it goes under (MFA_SETUP: `answerSetup`). */
const ANSWERS: Record<Exclude<StepName, "MFA_SETUP">, { field: "code" | "answer"; key: string }> = {
  SMS_MFA: { field: "code", key: "SMS_MFA_CODE" },
  EMAIL_OTP: { field: "code", key: "EMAIL_OTP_CODE" },
  SOFTWARE_TOKEN_MFA: { field: "code", key: "SOFTWARE_TOKEN_MFA_CODE" },
  SELECT_MFA_TYPE: { field: "answer", key: "ANSWER" },
  CUSTOM_CHALLENGE: { field: "answer", key: "ANSWER" },
};

/** Refusals after which the same challenge can be answered again (its session is still open). */
const TRY_AGAIN = new Set([
  "CodeMismatchException",
  "ExpiredCodeException",
  "InvalidParameterException",
  "EnableSoftwareTokenMFAException",
]);

const isStep = (name: string | undefined): name is StepName =>
  (STEP_PAGES as readonly string[]).includes(name ?? "");

export async function postLogin(call: Call): Promise<void> {
  const got = await pageForm(call);
  if (!got) return;
  const username = got.form.username ?? "";
  try {
    const outcome = await hostedPasswordSignIn(
      hostedContext(call, got.areq.client),
      () => hostedContext(call, got.areq.client, "RespondToAuthChallenge"),
      username,
      got.form.password ?? "",
      (name) => secretHashFor(call.services, got.areq.client, name),
    );
    return await afterStep(call, got, outcome, username);
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    return sendHtml(call.res, 400, loginPage(got.frame, { error: e.message }), call.setCookies);
  }
}

export async function postNewPassword(call: Call): Promise<void> {
  const got = await pageForm(call);
  if (!got) return;
  const { form, areq, frame } = got;
  const username = form.username ?? "";
  try {
    const outcome = await respondToChallenge(
      hostedContext(call, areq.client, "RespondToAuthChallenge"),
      "NEW_PASSWORD_REQUIRED",
      {
        USERNAME: username,
        NEW_PASSWORD: form.new_password ?? "",
        ...secretHashFor(call.services, areq.client, username),
      },
      form.session,
    );
    return await afterStep(call, got, outcome, username);
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    return sendHtml(
      call.res,
      400,
      newPasswordPage(frame, { error: e.message, session: form.session ?? "", username }),
      call.setCookies,
    );
  }
}

/** `POST /login/challenge`: the answer to a step page. */
export async function postChallenge(call: Call): Promise<void> {
  const got = await pageForm(call);
  if (!got) return;
  const { form, areq, frame } = got;
  const name = form.challenge;
  if (!isStep(name)) return sendHtml(call.res, 400, loginPage(frame, { error: UNOFFERED }), call.setCookies);
  const username = form.username ?? "";
  const session = form.session ?? "";
  try {
    const ctx = hostedContext(call, areq.client, "RespondToAuthChallenge");
    const base = { USERNAME: username, ...secretHashFor(call.services, areq.client, username) };
    let outcome: AuthOutcome;
    if (name === "MFA_SETUP") outcome = await answerSetup(call, ctx, form, base, session);
    else {
      const answer = ANSWERS[name];
      outcome = await respondToChallenge(
        ctx,
        name,
        { ...base, [answer.key]: (form[answer.field] ?? "").trim() },
        session === "" ? undefined : session,
      );
    }
    return await afterStep(call, got, outcome, username);
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    if (!TRY_AGAIN.has(e.type))
      return sendHtml(call.res, 400, loginPage(frame, { error: e.message }), call.setCookies);
    const parameters = shownParameters(form.parameters);
    return sendHtml(
      call.res,
      400,
      stepPage(frame, { name, session, username, parameters, error: e.message }),
      call.setCookies,
    );
  }
}

/**
 * MFA_SETUP as Amplify drives it (docs/mfa.md#mfa_setup): with an authenticator app,
 * VerifySoftwareToken with the Session AssociateSoftwareToken gave (the page asked for it when it
 * showed the key), then MFA_SETUP with the Session that answers; with email, MFA_SETUP with EMAIL,
 * which an EMAIL_OTP challenge follows.
 */
async function answerSetup(
  call: Call,
  ctx: AuthContext,
  form: Record<string, string>,
  base: Record<string, string>,
  session: string,
): Promise<AuthOutcome> {
  if (form.email !== undefined)
    return respondToChallenge(ctx, "MFA_SETUP", { ...base, EMAIL: form.email.trim() }, session);
  const verified = (await runOperation(call, "VerifySoftwareToken", {
    Session: session,
    UserCode: (form.code ?? "").trim(),
  })) as { Session?: string };
  return respondToChallenge(ctx, "MFA_SETUP", base, verified.Session);
}

/** The ChallengeParameters a step page carried for showing again (display only: nothing trusts them). */
function shownParameters(json: string | undefined): Record<string, string> {
  try {
    const v: unknown = JSON.parse(json ?? "{}");
    if (typeof v !== "object" || v === null || Array.isArray(v)) return {};
    return Object.fromEntries(
      Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
  } catch {
    return {};
  }
}

/** What a step led to: the redirect with a code, the next step's page, or the refusal of a step without one. */
async function afterStep(call: Call, got: PageForm, outcome: AuthOutcome, username: string): Promise<void> {
  const { areq, frame } = got;
  if (outcome.kind === "signed-in") return signedIn(call, areq, outcome.user);
  if (outcome.kind === "challenge" && outcome.session !== undefined) {
    if (outcome.name === "NEW_PASSWORD_REQUIRED")
      return sendHtml(
        call.res,
        200,
        newPasswordPage(frame, { session: outcome.session, username }),
        call.setCookies,
      );
    if (outcome.name === "MFA_SETUP")
      return setupPage(call, frame, outcome.session, outcome.parameters, username);
    if (isStep(outcome.name))
      return sendHtml(
        call.res,
        200,
        stepPage(frame, {
          name: outcome.name,
          session: outcome.session,
          username,
          parameters: outcome.parameters,
        }),
        call.setCookies,
      );
  }
  // A device step, or PASSWORD_VERIFIER in the middle of a custom flow (docs/oauth.md#sign-in-steps).
  return sendHtml(call.res, 400, loginPage(frame, { error: UNOFFERED }), call.setCookies);
}

/**
 * MFA_SETUP's page: an authenticator app when the pool offers TOTP (AssociateSoftwareToken with the
 * challenge's Session gives the key and the Session to verify with), else an email address when it
 * offers email codes, else no page.
 */
async function setupPage(
  call: Call,
  frame: PageFrame,
  session: string,
  parameters: Record<string, string>,
  username: string,
): Promise<void> {
  const can = parameters.MFAS_CAN_SETUP ?? "";
  if (can.includes('"SOFTWARE_TOKEN_MFA"')) {
    const a = (await runOperation(call, "AssociateSoftwareToken", { Session: session })) as {
      SecretCode: string;
      Session: string;
    };
    const view = { session: a.Session, username, parameters: { SECRET_CODE: a.SecretCode } };
    return sendHtml(call.res, 200, stepPage(frame, { name: "MFA_SETUP", ...view }), call.setCookies);
  }
  if (can.includes('"EMAIL_OTP"'))
    return sendHtml(
      call.res,
      200,
      stepPage(frame, { name: "MFA_SETUP", session, username, parameters: {} }),
      call.setCookies,
    );
  return sendHtml(call.res, 400, loginPage(frame, { error: UNOFFERED }), call.setCookies);
}
