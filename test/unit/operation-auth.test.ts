import assert from "node:assert/strict";
import { test } from "node:test";
import { operations } from "../../src/operations/registry.ts";
import { MODEL_OPERATIONS } from "../../src/protocol/model-operations.ts";

/**
 * Every registered operation carries the auth class Cognito gives it (docs/security.md#who-may-call-what):
 * IAM-signed for the admin plane, public for what end users and browsers call. The public list is
 * Cognito's complete list of unauthenticated and token-authorized operations, implemented or not:
 * the API model's unsigned operations (src/protocol/model-operations.ts, kept in step with the
 * installed SDK by compatibility-doc.test.ts), derived here rather than repeated, so an operation
 * added later lands in the right class or fails here.
 */
const PUBLIC = new Set(
  Object.entries(MODEL_OPERATIONS)
    .filter(([, auth]) => auth === "public")
    .map(([name]) => name),
);

/**
 * The IAM-signed families: every Admin* operation, and every operation on pools, clients, groups,
 * domains, identity providers, resource servers, import jobs, tags and client secrets.
 */
const IAM_FAMILY =
  /^Admin|UserPool|CustomAttributes|Group|Domain|IdentityProvider|ResourceServer|UserImportJob|CSVHeader|TagResource|UntagResource|TagsForResource|ClientSecret|^ListUsers/;

const IAM_IMPLEMENTED = [
  "CreateUserPool",
  "DescribeUserPool",
  "UpdateUserPool",
  "DeleteUserPool",
  "ListUserPools",
  "CreateUserPoolClient",
  "DescribeUserPoolClient",
  "UpdateUserPoolClient",
  "DeleteUserPoolClient",
  "ListUserPoolClients",
  "ListUsers",
  "GetCSVHeader",
  "AdminCreateUser",
  "AdminGetUser",
  "AdminDeleteUser",
  "AdminSetUserPassword",
  "AdminUpdateUserAttributes",
  "AdminInitiateAuth",
  "AdminRespondToAuthChallenge",
];

test("every registered operation has an auth class", () => {
  for (const op of operations.values()) assert.ok(op.auth === "iam" || op.auth === "public", op.name);
});

test("the public operations are exactly Cognito's unauthenticated and token-authorized ones", () => {
  for (const op of operations.values()) {
    if (PUBLIC.has(op.name)) assert.equal(op.auth, "public", `${op.name} is public in Cognito`);
  }
});

test("every other operation is IAM-signed and belongs to an IAM family", () => {
  for (const op of operations.values()) {
    if (PUBLIC.has(op.name)) continue;
    assert.equal(op.auth, "iam", `${op.name} is IAM-signed in Cognito`);
    assert.match(op.name, IAM_FAMILY, `${op.name}: neither in the public list nor an IAM family; decide`);
  }
  for (const name of IAM_IMPLEMENTED) assert.equal(operations.get(name)?.auth, "iam", name);
});

test("no public operation looks like an admin one", () => {
  for (const name of PUBLIC) assert.doesNotMatch(name, IAM_FAMILY, name);
});
