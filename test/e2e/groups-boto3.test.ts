import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * The group operations from Python's boto3 (docs/admin-users.md#groups): botocore validates our
 * answers against its own copy of Cognito's model, its paginators follow NextToken, and its error
 * classes are built from `__type`. Skipped, with a note, when python3 has no boto3.
 */
const probe = spawnSync("python3", ["-c", "import boto3"], { encoding: "utf8" });
const skip: string | false = probe.status === 0 ? false : "python3 with boto3 is not installed";

const SCRIPT = `
import json, sys, boto3
c = boto3.client("cognito-idp", endpoint_url=sys.argv[1], region_name="us-east-1",
                 aws_access_key_id="test", aws_secret_access_key="test")
pool = c.create_user_pool(PoolName="boto3-groups")["UserPool"]["Id"]
out = {}
g = c.create_group(UserPoolId=pool, GroupName="admins", Description="Admins", Precedence=1,
                   RoleArn="arn:aws:iam::111111111111:role/Admin")["Group"]
out["created"] = {k: g[k] for k in ("GroupName", "Precedence", "RoleArn")}
out["dateType"] = type(g["CreationDate"]).__name__
for i in range(5):
    c.create_group(UserPoolId=pool, GroupName="g%d" % i)
try:
    c.create_group(UserPoolId=pool, GroupName="ADMINS")
except c.exceptions.GroupExistsException as e:
    out["exists"] = e.response["Error"]["Message"]
try:
    c.get_group(UserPoolId=pool, GroupName="nope")
except c.exceptions.ResourceNotFoundException as e:
    out["missing"] = e.response["Error"]["Message"]
names = []
for page in c.get_paginator("list_groups").paginate(UserPoolId=pool, PaginationConfig={"PageSize": 2}):
    names += [x["GroupName"] for x in page["Groups"]]
out["listed"] = names
for u in ("ann", "bob", "cy"):
    c.admin_create_user(UserPoolId=pool, Username=u, MessageAction="SUPPRESS")
    c.admin_add_user_to_group(UserPoolId=pool, Username=u, GroupName="admins")
c.admin_add_user_to_group(UserPoolId=pool, Username="ann", GroupName="g3")
members = []
for page in c.get_paginator("list_users_in_group").paginate(UserPoolId=pool, GroupName="admins",
                                                            PaginationConfig={"PageSize": 2}):
    members += [u["Username"] for u in page["Users"]]
out["members"] = sorted(members)
out["annGroups"] = [x["GroupName"] for p in c.get_paginator("admin_list_groups_for_user").paginate(
    UserPoolId=pool, Username="ann") for x in p["Groups"]]
c.admin_remove_user_from_group(UserPoolId=pool, Username="ann", GroupName="g3")
c.update_group(UserPoolId=pool, GroupName="admins", Precedence=5)
out["updated"] = c.get_group(UserPoolId=pool, GroupName="admins")["Group"]["Precedence"]
try:
    c.admin_add_user_to_group(UserPoolId=pool, Username="nobody", GroupName="admins")
except c.exceptions.UserNotFoundException as e:
    out["noUser"] = e.response["Error"]["Message"]
c.delete_group(UserPoolId=pool, GroupName="admins")
out["annAfter"] = [x["GroupName"] for x in c.admin_list_groups_for_user(UserPoolId=pool, Username="ann")["Groups"]]
print(json.dumps(out))
`;

let s: TestServer;
before(async () => {
  if (!skip) s = await startTestServer();
});
after(async () => {
  if (!skip) await s.stop();
});

test("boto3: the group operations, their paginators and error classes", { skip }, async () => {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      "python3",
      ["-c", SCRIPT, s.url],
      {
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "/tmp",
          AWS_CONFIG_FILE: "/nonexistent/hushpool-aws-config",
          AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/hushpool-aws-credentials",
          AWS_MAX_ATTEMPTS: "1",
        },
      },
      (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
    );
  });
  assert.deepEqual(JSON.parse(stdout), {
    created: { GroupName: "admins", Precedence: 1, RoleArn: "arn:aws:iam::111111111111:role/Admin" },
    dateType: "datetime",
    exists: "A group with the name already exists.",
    missing: "Group not found.",
    listed: ["admins", "g0", "g1", "g2", "g3", "g4"],
    members: ["ann", "bob", "cy"],
    annGroups: ["admins", "g3"],
    updated: 5,
    noUser: "User does not exist.",
    annAfter: [],
  });
});
