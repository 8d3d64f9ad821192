import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateIdentityProviderCommand,
  type CreateIdentityProviderCommandInput,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolDomainCommand,
  DeleteIdentityProviderCommand,
  DeleteResourceServerCommand,
  DeleteUserPoolDomainCommand,
  DescribeIdentityProviderCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetIdentityProviderByIdentifierCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
  UpdateIdentityProviderCommand,
  UpdateResourceServerCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPool, expectCognitoError, uniq } from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/** Domains, resource servers, client OAuth settings and identity providers through the AWS SDK v3 (docs/oauth.md). */
let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

const prefix = () =>
  uniq("dom")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "");

/** CreateUserPoolClient "web" in `pool`, an OAuth client (AllowedOAuthFlowsUserPoolClient) with these settings. */
const webClient = (
  pool: string,
  settings: Omit<CreateUserPoolClientCommandInput, "UserPoolId" | "ClientName">,
) =>
  s.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: pool,
      ClientName: "web",
      AllowedOAuthFlowsUserPoolClient: true,
      ...settings,
    }),
  );

/** The code flow with the openid scope: what most client checks start from. */
const CODE_OPENID: Pick<CreateUserPoolClientCommandInput, "AllowedOAuthFlows" | "AllowedOAuthScopes"> = {
  AllowedOAuthFlows: ["code"],
  AllowedOAuthScopes: ["openid"],
};

/** CreateIdentityProvider in `pool`. */
const createProvider = (pool: string, input: Omit<CreateIdentityProviderCommandInput, "UserPoolId">) =>
  s.client.send(new CreateIdentityProviderCommand({ UserPoolId: pool, ...input }));

/** An OIDC provider's details: its client, the openid scope, attributes by GET, and its issuer. */
const oidcDetails = (clientId: string, issuer: string, extra: Record<string, string> = {}) => ({
  client_id: clientId,
  authorize_scopes: "openid",
  attributes_request_method: "GET",
  oidc_issuer: issuer,
  ...extra,
});

test("domains: create, describe (unknown = {}), update, delete; taken prefixes and one per pool", async () => {
  const pool = await createPool(s);
  const other = await createPool(s);
  const d = prefix();
  const created = await s.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: d }));
  assert.equal(created.ManagedLoginVersion, 1);
  assert.equal(created.CloudFrontDomain, undefined);
  const desc = (await s.client.send(new DescribeUserPoolDomainCommand({ Domain: d }))).DomainDescription;
  assert.equal(desc?.UserPoolId, pool);
  assert.equal(desc?.Domain, d);
  assert.equal(desc?.Status, "ACTIVE");
  assert.equal(desc?.CloudFrontDistribution, `${s.url}/oauth/${d}`);
  assert.equal((await s.client.send(new DescribeUserPoolCommand({ UserPoolId: pool }))).UserPool?.Domain, d);
  assert.deepEqual(
    (await s.client.send(new DescribeUserPoolDomainCommand({ Domain: "no-such-domain" }))).DomainDescription,
    {},
  );
  await expectCognitoError(
    s.client.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: d })),
    "InvalidParameterException",
    "Domain already exists.",
  );
  await expectCognitoError(
    s.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: prefix() })),
    "InvalidParameterException",
  );
  await expectCognitoError(
    s.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: "Bad_Prefix" })),
    "InvalidParameterException",
  );
  const upd = await s.client.send(
    new UpdateUserPoolDomainCommand({ UserPoolId: pool, Domain: d, ManagedLoginVersion: 2 }),
  );
  assert.equal(upd.ManagedLoginVersion, 2);
  await expectCognitoError(
    s.client.send(new DeleteUserPoolDomainCommand({ UserPoolId: other, Domain: d })),
    "InvalidParameterException",
    "No such domain or user pool exists.",
  );
  await s.client.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool, Domain: d }));
  assert.deepEqual(
    (await s.client.send(new DescribeUserPoolDomainCommand({ Domain: d }))).DomainDescription,
    {},
  );
  // Free again: another pool may take it.
  await s.client.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: d }));
});

test("resource servers: create, describe, list pages, update replaces scopes, delete; errors", async () => {
  const pool = await createPool(s);
  const scopes = [
    { ScopeName: "read", ScopeDescription: "Read" },
    { ScopeName: "write", ScopeDescription: "Write" },
  ];
  const rs = await s.client.send(
    new CreateResourceServerCommand({
      UserPoolId: pool,
      Identifier: "https://api.example.com",
      Name: "api",
      Scopes: scopes,
    }),
  );
  assert.deepEqual(rs.ResourceServer, {
    UserPoolId: pool,
    Identifier: "https://api.example.com",
    Name: "api",
    Scopes: scopes,
  });
  await expectCognitoError(
    s.client.send(
      new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "https://api.example.com", Name: "x" }),
    ),
    "InvalidParameterException",
    `https://api.example.com already exists in user pool ${pool}.`,
  );
  for (const id of ["b-server", "c-server"])
    await s.client.send(new CreateResourceServerCommand({ UserPoolId: pool, Identifier: id, Name: id }));
  const p1 = await s.client.send(new ListResourceServersCommand({ UserPoolId: pool, MaxResults: 2 }));
  assert.deepEqual(
    p1.ResourceServers?.map((r) => r.Identifier),
    ["b-server", "c-server"],
  );
  assert.ok(p1.NextToken);
  const p2 = await s.client.send(
    new ListResourceServersCommand({ UserPoolId: pool, MaxResults: 2, NextToken: p1.NextToken }),
  );
  assert.deepEqual(
    p2.ResourceServers?.map((r) => r.Identifier),
    ["https://api.example.com"],
  );
  assert.equal(p2.NextToken, undefined);
  const up = await s.client.send(
    new UpdateResourceServerCommand({
      UserPoolId: pool,
      Identifier: "b-server",
      Name: "B",
      Scopes: [scopes[0] ?? { ScopeName: "", ScopeDescription: "" }],
    }),
  );
  assert.equal(up.ResourceServer?.Name, "B");
  const d = await s.client.send(
    new DescribeResourceServerCommand({ UserPoolId: pool, Identifier: "b-server" }),
  );
  assert.deepEqual(d.ResourceServer?.Scopes, [scopes[0]]);
  await s.client.send(new DeleteResourceServerCommand({ UserPoolId: pool, Identifier: "b-server" }));
  await expectCognitoError(
    s.client.send(new DescribeResourceServerCommand({ UserPoolId: pool, Identifier: "b-server" })),
    "ResourceNotFoundException",
    "Resource server b-server does not exist.",
  );
});

test("client OAuth settings are checked as Cognito checks them", async () => {
  const pool = await createPool(s);
  await s.client.send(
    new CreateResourceServerCommand({
      UserPoolId: pool,
      Identifier: "orders",
      Name: "orders",
      Scopes: [{ ScopeName: "read", ScopeDescription: "Read orders" }],
    }),
  );
  await expectCognitoError(
    webClient(pool, CODE_OPENID),
    "InvalidOAuthFlowException",
    "CallbackUrls can not be empty when code flow or implicit flow is selected",
  );
  await expectCognitoError(
    webClient(pool, {
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["orders/write"],
      CallbackURLs: ["https://app.example.com/cb"],
    }),
    "ScopeDoesNotExistException",
    "Invalid scope requested: orders/write",
  );
  await expectCognitoError(
    webClient(pool, { AllowedOAuthFlows: ["client_credentials"], AllowedOAuthScopes: ["orders/read"] }),
    "InvalidOAuthFlowException",
    "client_credentials flow can not be selected if client does not have a client secret.",
  );
  await expectCognitoError(
    webClient(pool, {
      GenerateSecret: true,
      AllowedOAuthFlows: ["client_credentials", "code"],
      AllowedOAuthScopes: ["orders/read"],
      CallbackURLs: ["https://a.example.com"],
    }),
    "InvalidOAuthFlowException",
    "client_credentials flow can not be selected along with code flow or implicit flow.",
  );
  for (const bad of ["http://app.example.com/cb", "https://app.example.com/cb#frag", "not a url"]) {
    await expectCognitoError(
      webClient(pool, { ...CODE_OPENID, CallbackURLs: [bad] }),
      "InvalidParameterException",
    );
  }
  await expectCognitoError(
    webClient(pool, {
      ...CODE_OPENID,
      CallbackURLs: ["https://a.example.com"],
      DefaultRedirectURI: "https://b.example.com",
    }),
    "InvalidParameterException",
    "DefaultRedirectURI must be one of the CallbackURLs.",
  );
  await expectCognitoError(
    webClient(pool, {
      ...CODE_OPENID,
      CallbackURLs: ["https://a.example.com"],
      SupportedIdentityProviders: ["COGNITO", "Corp"],
    }),
    "InvalidParameterException",
    `The provider Corp does not exist for User Pool ${pool}`,
  );
  const ok = await webClient(pool, {
    AllowedOAuthFlows: ["code", "implicit"],
    AllowedOAuthScopes: ["openid", "email", "orders/read"],
    CallbackURLs: ["http://localhost:3000/cb", "myapp://callback", "https://app.example.com/cb"],
    LogoutURLs: ["http://127.0.0.1:3000/"],
    SupportedIdentityProviders: ["COGNITO"],
  });
  const id = ok.UserPoolClient?.ClientId ?? "";
  assert.deepEqual(ok.UserPoolClient?.AllowedOAuthFlows, ["code", "implicit"]);
  await expectCognitoError(
    s.client.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: pool,
        ClientId: id,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["orders/read"],
      }),
    ),
    "InvalidOAuthFlowException",
    "client_credentials flow can not be selected if client does not have a client secret.",
  );
});

test("identity providers: create per type, describe with filled details, update, identifiers, list, delete", async () => {
  const pool = await createPool(s);
  await expectCognitoError(
    createProvider(pool, {
      ProviderName: "Corp",
      ProviderType: "OIDC",
      ProviderDetails: { client_id: "x", authorize_scopes: "openid" },
    }),
    "InvalidParameterException",
    "attributes_request_method is required in ProviderDetails.",
  );
  const oidc = await createProvider(pool, {
    ProviderName: "Corp",
    ProviderType: "OIDC",
    ProviderDetails: oidcDetails("abc", "https://idp.example.com", {
      client_secret: "shh",
      authorize_scopes: "openid email",
    }),
    AttributeMapping: { email: "email" },
    IdpIdentifiers: ["corp.example.com"],
  });
  assert.deepEqual(oidc.IdentityProvider?.AttributeMapping, { username: "sub", email: "email" });
  assert.equal(oidc.IdentityProvider?.ProviderDetails?.attributes_url_add_attributes, "false");
  await expectCognitoError(
    createProvider(pool, {
      ProviderName: "Corp",
      ProviderType: "OIDC",
      ProviderDetails: oidcDetails("abc", "https://idp.example.com"),
    }),
    "DuplicateProviderException",
  );
  const g = await createProvider(pool, {
    ProviderName: "Google",
    ProviderType: "Google",
    ProviderDetails: { client_id: "g", client_secret: "s", authorize_scopes: "email profile openid" },
  });
  assert.equal(
    g.IdentityProvider?.ProviderDetails?.authorize_url,
    "https://accounts.google.com/o/oauth2/v2/auth",
  );
  assert.equal(g.IdentityProvider?.ProviderDetails?.token_url, "https://www.googleapis.com/oauth2/v4/token");
  await expectCognitoError(
    createProvider(pool, {
      ProviderName: "MyGoogle",
      ProviderType: "Google",
      ProviderDetails: { client_id: "g", client_secret: "s", authorize_scopes: "openid" },
    }),
    "InvalidParameterException",
  );
  await expectCognitoError(
    createProvider(pool, {
      ProviderName: "Other",
      ProviderType: "OIDC",
      ProviderDetails: oidcDetails("a", "https://o.example.com"),
      AttributeMapping: { not_an_attribute: "x" },
    }),
    "InvalidParameterException",
  );
  const byId = await s.client.send(
    new GetIdentityProviderByIdentifierCommand({ UserPoolId: pool, IdpIdentifier: "corp.example.com" }),
  );
  assert.equal(byId.IdentityProvider?.ProviderName, "Corp");
  const up = await s.client.send(
    new UpdateIdentityProviderCommand({
      UserPoolId: pool,
      ProviderName: "Corp",
      AttributeMapping: { name: "name" },
    }),
  );
  assert.deepEqual(up.IdentityProvider?.AttributeMapping, { username: "sub", email: "email", name: "name" });
  const d = await s.client.send(
    new DescribeIdentityProviderCommand({ UserPoolId: pool, ProviderName: "Corp" }),
  );
  assert.equal(d.IdentityProvider?.ProviderDetails?.client_secret, "shh");
  assert.ok(d.IdentityProvider?.CreationDate instanceof Date);
  const list = await s.client.send(new ListIdentityProvidersCommand({ UserPoolId: pool, MaxResults: 1 }));
  assert.deepEqual(
    list.Providers?.map((p) => p.ProviderName),
    ["Corp"],
  );
  assert.ok(list.NextToken);
  // A client naming the provider keeps it from being deleted.
  await s.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: pool,
      ClientName: "web",
      SupportedIdentityProviders: ["Corp"],
    }),
  );
  await expectCognitoError(
    s.client.send(new DeleteIdentityProviderCommand({ UserPoolId: pool, ProviderName: "Corp" })),
    "InvalidParameterException",
  );
  await s.client.send(new DeleteIdentityProviderCommand({ UserPoolId: pool, ProviderName: "Google" }));
  await expectCognitoError(
    s.client.send(new DescribeIdentityProviderCommand({ UserPoolId: pool, ProviderName: "Google" })),
    "ResourceNotFoundException",
    "Identity provider Google does not exist.",
  );
  await expectCognitoError(
    s.client.send(new DeleteIdentityProviderCommand({ UserPoolId: pool, ProviderName: "COGNITO" })),
    "UnsupportedIdentityProviderException",
  );
});
