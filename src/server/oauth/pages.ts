/**
 * The managed-login pages (docs/oauth.md#pages): server-rendered HTML that works without JavaScript,
 * with a language, one heading, labelled fields, errors announced as alerts, and the pool's name as
 * its branding. Every value is escaped. The username is never echoed back, so a refusal page is the
 * same bytes whoever was typed (docs/existence.md).
 */
export interface PageFrame {
  poolName: string;
  clientName: string;
  /** The domain's mount (`/oauth/<prefix>` or ""), prefixed to every link and form action. */
  mount: string;
  /** Hidden authorize parameters carried through the pages. */
  carry: Record<string, string>;
  csrf: string;
}

export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1b1b1b;margin:0}
main{max-width:24rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}p.brand{color:#555;margin:0 0 1rem}label{display:block;margin:.8rem 0 .2rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #767676;border-radius:4px;font-size:1rem}
button{margin-top:1.2rem;width:100%;padding:.65rem;border:0;border-radius:4px;background:#0b5cad;color:#fff;font-size:1rem}
button:focus,input:focus,a:focus{outline:3px solid #f90;outline-offset:2px}
.error{background:#fde8e8;border:1px solid #b3261e;color:#7a1a14;padding:.6rem;border-radius:4px}
.notice{background:#e7f3ea;border:1px solid #1e7b34;padding:.6rem;border-radius:4px}nav{margin-top:1rem}nav a{display:block;margin:.3rem 0}
fieldset{border:0;padding:0;margin:.8rem 0 0}legend{font-weight:600}.choice{display:flex;align-items:center;gap:.5rem;margin:.5rem 0}
.choice input{width:auto}.choice label{display:inline;margin:0;font-weight:400}dl.params{margin:.5rem 0}dl.params dt{font-weight:600}dl.params dd{margin:0 0 .4rem}
code{word-break:break-all;font-size:1.05rem}`;

function hidden(frame: PageFrame): string {
  const fields = Object.entries(frame.carry).map(
    ([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`,
  );
  fields.push(`<input type="hidden" name="_csrf" value="${escapeHtml(frame.csrf)}">`);
  return fields.join("");
}

/** A link to another page of the domain, keeping the authorize parameters. */
export function pageLink(frame: Pick<PageFrame, "mount" | "carry">, path: string): string {
  const q = new URLSearchParams(frame.carry).toString();
  return `${frame.mount}${path}${q ? `?${q}` : ""}`;
}

function layout(frame: PageFrame | null, title: string, body: string): string {
  const brand = frame
    ? `<p class="brand">${escapeHtml(frame.poolName)} · ${escapeHtml(frame.clientName)}</p>`
    : "";
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${brand}${body}</main></body></html>`;
}

const alert = (message: string | undefined): string =>
  message ? `<p class="error" role="alert" id="form-error">${escapeHtml(message)}</p>` : "";
const notice = (message: string | undefined): string =>
  message ? `<p class="notice" role="status">${escapeHtml(message)}</p>` : "";

function field(name: string, label: string, type: string, autocomplete: string, hasError: boolean): string {
  const describedBy = hasError ? ' aria-describedby="form-error"' : "";
  return `<label for="${name}">${escapeHtml(label)}</label><input id="${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" required${describedBy}>`;
}

export interface FormPage {
  error?: string;
  notice?: string;
}

export function loginPage(frame: PageFrame, p: FormPage): string {
  const e = p.error !== undefined;
  return layout(
    frame,
    "Sign in",
    `${notice(p.notice)}${alert(p.error)}<form method="post" action="${escapeHtml(`${frame.mount}/login`)}">${hidden(frame)}${field("username", "Username", "text", "username", e)}${field("password", "Password", "password", "current-password", e)}<button type="submit">Sign in</button></form><nav><a href="${escapeHtml(pageLink(frame, "/forgotPassword"))}">Forgot your password?</a><a href="${escapeHtml(pageLink(frame, "/signup"))}">Need an account? Sign up</a></nav>`,
  );
}

export function newPasswordPage(
  frame: PageFrame,
  p: FormPage & { session: string; username: string },
): string {
  const e = p.error !== undefined;
  return layout(
    frame,
    "Change your password",
    `${alert(p.error)}<p>Your password must be changed before you sign in.</p><form method="post" action="${escapeHtml(`${frame.mount}/login/new-password`)}">${hidden(frame)}<input type="hidden" name="session" value="${escapeHtml(p.session)}"><input type="hidden" name="username" value="${escapeHtml(p.username)}">${field("new_password", "New password", "password", "new-password", e)}<button type="submit">Change password and sign in</button></form>`,
  );
}

export function signUpPage(frame: PageFrame, p: FormPage): string {
  const e = p.error !== undefined;
  return layout(
    frame,
    "Sign up",
    `${alert(p.error)}<form method="post" action="${escapeHtml(`${frame.mount}/signup`)}">${hidden(frame)}${field("username", "Username", "text", "username", e)}${field("email", "Email", "email", "email", e)}${field("password", "Password", "password", "new-password", e)}<button type="submit">Sign up</button></form><nav><a href="${escapeHtml(pageLink(frame, "/login"))}">Already have an account? Sign in</a></nav>`,
  );
}

export function confirmPage(frame: PageFrame, p: FormPage): string {
  const e = p.error !== undefined;
  return layout(
    frame,
    "Confirm your account",
    `${notice(p.notice)}${alert(p.error)}<form method="post" action="${escapeHtml(`${frame.mount}/confirmUser`)}">${hidden(frame)}${field("username", "Username", "text", "username", e)}${field("code", "Verification code", "text", "one-time-code", e)}<button type="submit">Confirm account</button></form>`,
  );
}

export function forgotPage(frame: PageFrame, p: FormPage): string {
  const e = p.error !== undefined;
  return layout(
    frame,
    "Forgot your password?",
    `${alert(p.error)}<p>Enter your username. If it belongs to an account, we send a code to reset the password.</p><form method="post" action="${escapeHtml(`${frame.mount}/forgotPassword`)}">${hidden(frame)}${field("username", "Username", "text", "username", e)}<button type="submit">Send code</button></form><nav><a href="${escapeHtml(pageLink(frame, "/login"))}">Back to sign in</a></nav>`,
  );
}

export function resetPage(frame: PageFrame, p: FormPage): string {
  const e = p.error !== undefined;
  return layout(
    frame,
    "Reset your password",
    `${notice(p.notice)}${alert(p.error)}<form method="post" action="${escapeHtml(`${frame.mount}/confirmForgotPassword`)}">${hidden(frame)}${field("username", "Username", "text", "username", e)}${field("code", "Code", "text", "one-time-code", e)}${field("password", "New password", "password", "new-password", e)}<button type="submit">Reset password</button></form>`,
  );
}

export function signedOutPage(frame: PageFrame | null): string {
  return layout(frame, "Signed out", "<p>You are signed out.</p>");
}

/** What Cognito's hosted pages show for a bad client or redirect_uri. */
export function errorPage(detail: string): string {
  return layout(
    null,
    "An error was encountered with the requested page.",
    `<p class="error" role="alert">${escapeHtml(detail)}</p>`,
  );
}

/** The sign-in steps after the password that have a page (docs/oauth.md#sign-in-steps). */
export const STEP_PAGES = [
  "SMS_MFA",
  "EMAIL_OTP",
  "SOFTWARE_TOKEN_MFA",
  "SELECT_MFA_TYPE",
  "MFA_SETUP",
  "CUSTOM_CHALLENGE",
] as const;
export type StepName = (typeof STEP_PAGES)[number];

export interface StepView extends FormPage {
  name: StepName;
  /** The challenge's Session, carried to the answer. */
  session: string;
  /** What the user typed on the sign-in page (the challenge answer names it, as USERNAME). */
  username: string;
  /**
   * The challenge's ChallengeParameters; for MFA_SETUP with an authenticator app, `SECRET_CODE` is
   * AssociateSoftwareToken's key.
   */
  parameters: Record<string, string>;
}

const FACTOR_CHOICES: Record<string, string> = {
  SMS_MFA: "A code by text message (SMS)",
  EMAIL_OTP: "A code by email",
  SOFTWARE_TOKEN_MFA: "A code from your authenticator app",
};

function offeredFactors(json: string | undefined): string[] {
  try {
    const v: unknown = JSON.parse(json ?? "[]");
    return Array.isArray(v) ? v.filter((f): f is string => typeof f === "string" && f in FACTOR_CHOICES) : [];
  } catch {
    return [];
  }
}

interface StepBody {
  title: string;
  /** Escaped already. */
  intro: string;
  fields: string;
  button: string;
}

function stepBody(v: StepView, e: boolean, issuer: string): StepBody {
  const p = v.parameters;
  const code = field("code", "Code", "text", "one-time-code", e);
  switch (v.name) {
    case "SMS_MFA":
      return {
        title: "Enter your code",
        intro: `We sent a code by text message to ${escapeHtml(p.CODE_DELIVERY_DESTINATION ?? "your phone")}.`,
        fields: code,
        button: "Sign in",
      };
    case "EMAIL_OTP":
      return {
        title: "Enter your code",
        intro: `We sent a code by email to ${escapeHtml(p.CODE_DELIVERY_DESTINATION ?? "your email address")}.`,
        fields: code,
        button: "Sign in",
      };
    case "SOFTWARE_TOKEN_MFA":
      return {
        title: "Enter your authenticator code",
        intro: `Enter the code that your authenticator app${p.FRIENDLY_DEVICE_NAME ? ` (${escapeHtml(p.FRIENDLY_DEVICE_NAME)})` : ""} shows.`,
        fields: code,
        button: "Sign in",
      };
    case "SELECT_MFA_TYPE": {
      const described = e ? ' aria-describedby="form-error"' : "";
      const choices = offeredFactors(p.MFAS_CAN_CHOOSE)
        .map(
          (f, i) =>
            `<div class="choice"><input type="radio" id="factor-${i}" name="answer" value="${escapeHtml(f)}" required${described}><label for="factor-${i}">${escapeHtml(FACTOR_CHOICES[f] ?? f)}</label></div>`,
        )
        .join("");
      return {
        title: "Choose how to verify",
        intro: "Your account asks for a second step to sign in.",
        fields: `<fieldset><legend>Verify with</legend>${choices}</fieldset>`,
        button: "Continue",
      };
    }
    case "MFA_SETUP": {
      const secret = p.SECRET_CODE;
      if (secret === undefined)
        return {
          title: "Set up sign-in codes by email",
          intro:
            "Your account needs a second step to sign in. Enter the email address that should receive its codes.",
          fields: field("email", "Email address", "email", "email", e),
          button: "Send code",
        };
      // The key URI authenticator apps read (https://github.com/google/google-authenticator/wiki/Key-Uri-Format).
      const uri = `otpauth://totp/${encodeURIComponent(`${issuer}:${v.username}`)}?secret=${encodeURIComponent(secret)}&issuer=${encodeURIComponent(issuer)}`;
      return {
        title: "Set up your authenticator app",
        intro:
          "Your account needs a second step to sign in. Add this key to an authenticator app, then enter the code it shows.",
        fields: `<p><code>${escapeHtml(secret)}</code></p><p><a href="${escapeHtml(uri)}">Open in an authenticator app</a></p>${code}`,
        button: "Verify and sign in",
      };
    }
    case "CUSTOM_CHALLENGE": {
      const shown = Object.entries(p).filter(([k]) => k !== "USERNAME");
      const list = shown.length
        ? `<dl class="params">${shown.map(([k, val]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(val)}</dd>`).join("")}</dl>`
        : "";
      return {
        title: "Answer the challenge",
        intro: "Your sign-in asks one more question.",
        fields: `${list}${field("answer", "Answer", "text", "off", e)}`,
        button: "Continue",
      };
    }
  }
}

/**
 * A sign-in step after the password: an MFA code, the choice of a factor, setting up a factor, or a
 * custom challenge. The form carries the challenge's name, Session and parameters (to show them
 * again after a wrong code) and the typed name, and posts to `/login/challenge`.
 */
export function stepPage(frame: PageFrame, v: StepView): string {
  const b = stepBody(v, v.error !== undefined, frame.poolName);
  const keep = `<input type="hidden" name="challenge" value="${escapeHtml(v.name)}"><input type="hidden" name="session" value="${escapeHtml(v.session)}"><input type="hidden" name="username" value="${escapeHtml(v.username)}"><input type="hidden" name="parameters" value="${escapeHtml(JSON.stringify(v.parameters))}">`;
  return layout(
    frame,
    b.title,
    `${alert(v.error)}<p>${b.intro}</p><form method="post" action="${escapeHtml(`${frame.mount}/login/challenge`)}">${hidden(frame)}${keep}${b.fields}<button type="submit">${escapeHtml(b.button)}</button></form><nav><a href="${escapeHtml(pageLink(frame, "/login"))}">Start again</a></nav>`,
  );
}
