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
.notice{background:#e7f3ea;border:1px solid #1e7b34;padding:.6rem;border-radius:4px}nav{margin-top:1rem}nav a{display:block;margin:.3rem 0}`;

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
