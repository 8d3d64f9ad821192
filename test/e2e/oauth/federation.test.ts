import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminDisableProviderForUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  CreateIdentityProviderCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { confirmedUser, expectCognitoError, uniq } from "../../helpers/fixtures.ts";
import { Browser, CALLBACK, hostedPool, oauthClient, signInOnPage } from "../../helpers/hosted.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/**
 * Federation through an OpenID Connect provider (docs/oauth.md#federation), the provider being a
 * second hushpool instance with its own pool, domain and confidential client.
 */
let app: TestServer;
let idp: TestServer;
before(async () => {
  [app, idp] = await Promise.all([startTestServer(), startTestServer()]);
});
after(async () => {
  await Promise.all([app.stop(), idp.stop()]);
});

async function setup() {
  const hp = await hostedPool(app);
  const upstream = await hostedPool(idp);
  const idpClient = await oauthClient(idp, upstream.poolId, {
    GenerateSecret: true,
    AllowedOAuthScopes: ["openid", "email", "profile"],
    CallbackURLs: [`${hp.base}/oauth2/idpresponse`],
  });
  await app.client.send(
    new CreateIdentityProviderCommand({
      UserPoolId: hp.poolId,
      ProviderName: "Corp",
      ProviderType: "OIDC",
      ProviderDetails: {
        client_id: idpClient.clientId,
        client_secret: idpClient.secret ?? "",
        authorize_scopes: "openid email",
        attributes_request_method: "GET",
        oidc_issuer: upstream.issuer,
      },
      AttributeMapping: { email: "email" },
      IdpIdentifiers: ["corp.example.com"],
    }),
  );
  const web = await oauthClient(app, hp.poolId, { SupportedIdentityProviders: ["COGNITO", "Corp"] });
  return { hp, upstream, web };
}

/** authorize at the app with a provider → the provider's page → idpresponse → the client's callback. */
async function federate(
  hp: { base: string },
  clientId: string,
  extra: Record<string, string>,
  username: string,
): Promise<string> {
  const browser = new Browser();
  const q = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: CALLBACK,
    scope: "openid email",
    state: "fs",
    ...extra,
  });
  const toIdp = await browser.get(`${hp.base}/oauth2/authorize?${q}`);
  assert.equal(toIdp.status, 302);
  const idpAuthorize = toIdp.headers.get("location") ?? "";
  assert.ok(idpAuthorize.startsWith(idp.url), idpAuthorize);
  const back = await signInOnPage(browser, idp.url, idpAuthorize, username, "Passw0rd!x");
  assert.ok(back.location.includes("/oauth2/idpresponse?"), back.location || back.html);
  const done = await browser.get(back.location);
  assert.equal(done.status, 302, await done.text());
  const location = done.headers.get("location") ?? "";
  assert.ok(location.startsWith(`${CALLBACK}?code=`), location);
  assert.equal(new URL(location).searchParams.get("state"), "fs");
  return new URL(location).searchParams.get("code") ?? "";
}

async function redeem(base: string, clientId: string, code: string) {
  const r = await fetch(`${base}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: clientId,
      code,
      redirect_uri: CALLBACK,
    }),
  });
  assert.equal(r.status, 200);
  return (await r.json()) as { id_token: string; access_token: string };
}

test("first sign-in through the provider creates <Provider>_<sub>, EXTERNAL_PROVIDER, identities, the auto group", async () => {
  const { hp, upstream, web } = await setup();
  const alice = uniq("alice");
  await confirmedUser(idp, upstream.poolId, alice, "Passw0rd!x", {
    email: `${alice}@corp.example.com`,
    email_verified: "true",
  });
  const upstreamSub = (
    await idp.client.send(new AdminGetUserCommand({ UserPoolId: upstream.poolId, Username: alice }))
  ).UserAttributes?.find((a) => a.Name === "sub")?.Value;
  const code = await federate(hp, web.clientId, { identity_provider: "Corp" }, alice);
  const tokens = await redeem(hp.base, web.clientId, code);
  const id = decodeJwt(tokens.id_token);
  const username = `Corp_${upstreamSub}`;
  assert.equal(id["cognito:username"], username);
  assert.equal(id.email, `${alice}@corp.example.com`);
  assert.deepEqual(id["cognito:groups"], [`${hp.poolId}_Corp`]);
  const identities = id.identities as Record<string, string>[];
  assert.equal(identities[0]?.userId, upstreamSub);
  assert.equal(identities[0]?.providerName, "Corp");
  assert.equal(identities[0]?.primary, "true");
  const user = await app.client.send(new AdminGetUserCommand({ UserPoolId: hp.poolId, Username: username }));
  assert.equal(user.UserStatus, "EXTERNAL_PROVIDER");
  const stored = JSON.parse(user.UserAttributes?.find((a) => a.Name === "identities")?.Value ?? "[]");
  assert.equal(stored[0].primary, true);
  assert.equal(typeof stored[0].dateCreated, "number");
  // A second sign-in (by idp_identifier) is the same user; linking that identity now is a merge.
  const again = await redeem(
    hp.base,
    web.clientId,
    await federate(hp, web.clientId, { idp_identifier: "corp.example.com" }, alice),
  );
  assert.equal(decodeJwt(again.id_token)["cognito:username"], username);
  const local = uniq("local");
  await confirmedUser(app, hp.poolId, local, "Passw0rd!x");
  await expectCognitoError(
    app.client.send(
      new AdminLinkProviderForUserCommand({
        UserPoolId: hp.poolId,
        DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: local },
        SourceUser: {
          ProviderName: "Corp",
          ProviderAttributeName: "Cognito_Subject",
          ProviderAttributeValue: upstreamSub,
        },
      }),
    ),
    "InvalidParameterException",
    "Merging is not currently supported, provide a SourceUser that has not been signed up in order to link",
  );
});

test("AdminLinkProviderForUser: the linked identity signs in as the local user; AdminDisableProviderForUser removes the link", async () => {
  const { hp, upstream, web } = await setup();
  const carol = uniq("carol");
  await confirmedUser(idp, upstream.poolId, carol, "Passw0rd!x", { email: `${carol}@corp.example.com` });
  const upstreamSub =
    (
      await idp.client.send(new AdminGetUserCommand({ UserPoolId: upstream.poolId, Username: carol }))
    ).UserAttributes?.find((a) => a.Name === "sub")?.Value ?? "";
  const local = uniq("local");
  await confirmedUser(app, hp.poolId, local, "Passw0rd!x");
  const link = {
    UserPoolId: hp.poolId,
    DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: local },
    SourceUser: {
      ProviderName: "Corp",
      ProviderAttributeName: "Cognito_Subject",
      ProviderAttributeValue: upstreamSub,
    },
  };
  await app.client.send(new AdminLinkProviderForUserCommand(link));
  const linked = await app.client.send(new AdminGetUserCommand({ UserPoolId: hp.poolId, Username: local }));
  assert.match(
    linked.UserAttributes?.find((a) => a.Name === "identities")?.Value ?? "",
    /"providerName":"Corp"/,
  );
  const tokens = await redeem(
    hp.base,
    web.clientId,
    await federate(hp, web.clientId, { identity_provider: "Corp" }, carol),
  );
  assert.equal(decodeJwt(tokens.id_token)["cognito:username"], local);
  await expectCognitoError(
    app.client.send(
      new AdminLinkProviderForUserCommand({
        ...link,
        SourceUser: { ProviderName: "Cognito", ProviderAttributeValue: "x" },
      }),
    ),
    "InvalidParameterException",
  );
  await app.client.send(
    new AdminDisableProviderForUserCommand({
      UserPoolId: hp.poolId,
      User: {
        ProviderName: "Corp",
        ProviderAttributeName: "Cognito_Subject",
        ProviderAttributeValue: upstreamSub,
      },
    }),
  );
  const after = await app.client.send(new AdminGetUserCommand({ UserPoolId: hp.poolId, Username: local }));
  assert.equal(
    after.UserAttributes?.find((a) => a.Name === "identities"),
    undefined,
  );
  // Unlinked: the next sign-in makes a federated user of its own.
  const fresh = await redeem(
    hp.base,
    web.clientId,
    await federate(hp, web.clientId, { identity_provider: "Corp" }, carol),
  );
  assert.equal(decodeJwt(fresh.id_token)["cognito:username"], `Corp_${upstreamSub}`);
});
