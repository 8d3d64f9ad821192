import { html } from "./html.ts";
import { page } from "./layout.ts";

/** The sign-in form: an admin access key and its secret, posted once (docs/console.md#signing-in). */
export function signInPage(preToken: string, error?: string) {
  return page(
    null,
    "Sign in",
    html`<p>Sign in with one of this server's admin keys (<code>--admin-credentials</code>), the same key the AWS CLI signs with.</p>
<form method="post" action="/console/sign-in" class="card" aria-label="Sign in">
<input type="hidden" name="_csrf" value="${preToken}">
<label for="access-key">Access key id</label><input id="access-key" name="accessKeyId" type="text" required autocomplete="username" spellcheck="false">
<label for="secret-key">Secret access key</label><input id="secret-key" name="secretAccessKey" type="password" required autocomplete="current-password">
<button type="submit">Sign in</button></form>`,
    error ? { error } : {},
  );
}

export function refusalPage(title: string, why: string) {
  return page(null, title, html`<p>${why}</p><p><a href="/console">Back to the console</a></p>`);
}
