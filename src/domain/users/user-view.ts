import type { UserRecord } from "../../storage/ports.ts";
import { renderMfaMembers } from "../mfa/index.ts";

/** Attribute list with `sub` first, as Cognito lists it. */
export function attributeList(u: UserRecord, only?: readonly string[]): { Name: string; Value: string }[] {
  const all = [
    { Name: "sub", Value: u.sub },
    ...Object.entries(u.attributes).map(([Name, Value]) => ({ Name, Value })),
  ];
  return only ? all.filter((a) => only.includes(a.Name)) : all;
}

/** UserType (AdminCreateUser, ListUsers). Dates are epoch seconds. */
export function renderUserType(u: UserRecord, only?: readonly string[]): Record<string, unknown> {
  return {
    Username: u.username,
    Attributes: attributeList(u, only),
    UserCreateDate: u.createdAt / 1000,
    UserLastModifiedDate: u.modifiedAt / 1000,
    Enabled: u.enabled,
    UserStatus: u.status,
  };
}

/** AdminGetUser's output shape, with the MFA members (docs/mfa.md#user-settings). */
export function renderAdminGetUser(u: UserRecord): Record<string, unknown> {
  return {
    Username: u.username,
    UserAttributes: attributeList(u),
    UserCreateDate: u.createdAt / 1000,
    UserLastModifiedDate: u.modifiedAt / 1000,
    Enabled: u.enabled,
    UserStatus: u.status,
    ...renderMfaMembers(u),
  };
}
