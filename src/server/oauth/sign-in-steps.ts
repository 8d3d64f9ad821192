import { type AuthOutcome, respondToChallenge } from "../../domain/auth-flows/index.ts";
import { CognitoError } from "../../domain/errors/index.ts";
import { hostedPasswordSignIn } from "../../domain/oauth/hosted-sign-in.ts";
import { type Call, hostedContext, type PageForm, pageForm, secretHashFor } from "./call.ts";
import { signedIn } from "./complete.ts";
import { sendHtml } from "./http.ts";
import { loginPage, newPasswordPage, STEP_PAGES, type StepName, stepPage } from "./pages.ts";

/**
 * The sign-in pages (docs/oauth.md#sign-in-steps): the password on `/login`, then one page per step
 * the API's flow continues with — NEW_PASSWORD_REQUIRED, SMS_MFA, EMAIL_OTP, SOFTWARE_TOKEN_MFA,
 * SELECT_MFA_TYPE, CUSTOM_CHALLENGE — each answered through RespondToAuthChallenge's own code in the
 * hosted context, until the flow ends in `signed-in` and the browser goes back with a code. Every
 * refusal is the API's message; the pages add no answer of their own that could tell names apart.
 */

const UNOFFERED = "This account needs a sign-in step that these pages do not offer.";

/** Which form field answers each step, and the ChallengeResponses key it goes under. */
const ANSWERS: Record<StepName, { field: "code" | "answer"; key: string }> = {
  SMS_MFA: { field: "code", key: "SMS_MFA_CODE" },
  EMAIL_OTP: { field: "code", key: "EMAIL_OTP_CODE" },
  SOFTWARE_TOKEN_MFA: { field: "code", key: "SOFTWARE_TOKEN_MFA_CODE" },
  SELECT_MFA_TYPE: { field: "answer", key: "ANSWER" },
  CUSTOM_CHALLENGE: { field: "answer", key: "ANSWER" },
};

/** Refusals after which the same challenge can be answered again (its session is still open). */
const TRY_AGAIN = new Set(["CodeMismatchException", "ExpiredCodeException", "InvalidParameterException"]);

const isStep = (name: string | undefined): name is StepName =>
  (STEP_PAGES as readonly string[]).includes(name ?? "");

export async function postLogin(call: Call): Promise<void> {
  const got = await pageForm(call);
  if (!got) return;
  const username = got.form.username ?? "";
  let outcome: AuthOutcome;
  try {
    outcome = await hostedPasswordSignIn(
      hostedContext(call, got.areq.client),
      () => hostedContext(call, got.areq.client, "RespondToAuthChallenge"),
      username,
      got.form.password ?? "",
      (name) => secretHashFor(call.services, got.areq.client, name),
    );
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    return sendHtml(call.res, 400, loginPage(got.frame, { error: e.message }), call.setCookies);
  }
  return afterStep(call, got, outcome, username);
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
  if (!isStep(name))
    return sendHtml(call.res, 400, loginPage(frame, { error: UNOFFERED }), call.setCookies);
  const username = form.username ?? "";
  const session = form.session ?? "";
  const answer = ANSWERS[name];
  try {
    const outcome = await respondToChallenge(
      hostedContext(call, areq.client, "RespondToAuthChallenge"),
      name,
      {
        USERNAME: username,
        [answer.key]: (form[answer.field] ?? "").trim(),
        ...secretHashFor(call.services, areq.client, username),
      },
      session === "" ? undefined : session,
    );
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

/** The ChallengeParameters a step page carried for showing again (display only: nothing trusts them). */
function shownParameters(json: string | undefined): Record<string, string> {
  try {
    const v: unknown = JSON.parse(json ?? "{}");
    if (typeof v !== "object" || v === null || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"));
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
  // MFA_SETUP, a device step, or PASSWORD_VERIFIER in the middle of a custom flow (docs/oauth.md#sign-in-steps).
  return sendHtml(call.res, 400, loginPage(frame, { error: UNOFFERED }), call.setCookies);
}
