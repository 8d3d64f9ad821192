import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  CreateGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Browser } from "playwright-core";
import { type BundledPage, bundlePage, launchChromium, openPage } from "../helpers/browser.ts";
import { attr, confirmedUser, createClient, createPool } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Amplify v6 (aws-amplify/auth) unmodified in headless Chromium, configured with `userPoolEndpoint`
 * at the server: SRP sign-in, `cognito:groups` in the session's tokens (fetchAuthSession), and
 * deleteUserAttributes (DeleteUserAttributes) — docs/compatibility.md.
 */
const PAGE = `
import { Amplify } from "aws-amplify";
import { deleteUserAttributes, fetchAuthSession, fetchUserAttributes, signIn, signOut } from "aws-amplify/auth";

window.run = async ({ endpoint, userPoolId, clientId, username, password, remove }) => {
  Amplify.configure({
    Auth: { Cognito: { userPoolId, userPoolClientId: clientId, userPoolEndpoint: endpoint } },
  });
  const signedIn = await signIn({ username, password });
  const session = await fetchAuthSession();
  const before = await fetchUserAttributes();
  await deleteUserAttributes({ userAttributeKeys: remove });
  const after = await fetchUserAttributes();
  await signOut();
  return {
    isSignedIn: signedIn.isSignedIn,
    idGroups: session.tokens?.idToken?.payload["cognito:groups"] ?? null,
    accessGroups: session.tokens?.accessToken?.payload["cognito:groups"] ?? null,
    before,
    after,
  };
};
window.__ready = true;
`;

let s: TestServer;
let browser: Browser;
let bundle: BundledPage;
before(async () => {
  s = await startTestServer();
  [browser, bundle] = await Promise.all([launchChromium(), bundlePage(PAGE, { title: "amplify" })]);
});
after(async () => {
  await browser?.close();
  bundle?.remove();
  await s.stop();
});

test("Amplify v6 signs in, sees cognito:groups in its session tokens and deletes an attribute", async () => {
  const userPoolId = await createPool(s);
  const clientId = await createClient(s, userPoolId, "ENABLED", {
    ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  await confirmedUser(s, userPoolId, "amy", "Passw0rd!", { nickname: "ames", given_name: "Amy" });
  for (const GroupName of ["editors", "admins"]) {
    await s.client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName }));
    await s.client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: "amy", GroupName }),
    );
  }
  const opened = await openPage(browser, bundle);
  try {
    const out = (await opened.page.evaluate(
      (args) => (globalThis as unknown as { run(a: unknown): Promise<unknown> }).run(args),
      { endpoint: s.url, userPoolId, clientId, username: "amy", password: "Passw0rd!", remove: ["nickname"] },
    )) as {
      isSignedIn: boolean;
      idGroups: string[] | null;
      accessGroups: string[] | null;
      before: Record<string, string>;
      after: Record<string, string>;
    };
    assert.equal(out.isSignedIn, true);
    assert.deepEqual([...(out.idGroups ?? [])].sort(), ["admins", "editors"]);
    assert.deepEqual([...(out.accessGroups ?? [])].sort(), ["admins", "editors"]);
    assert.equal(out.before.nickname, "ames");
    assert.equal(out.after.nickname, undefined);
    assert.equal(out.after.given_name, "Amy");
  } catch (e) {
    throw new Error(`${String(e)}\nbrowser console: ${opened.errors.join("\n")}`);
  } finally {
    await opened.close();
  }
  const stored = await s.client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: "amy" }));
  assert.equal(attr(stored.UserAttributes, "nickname"), undefined);
});
