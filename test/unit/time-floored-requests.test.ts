import assert from "node:assert/strict";
import { test } from "node:test";
import { isTimeFloored } from "../../src/domain/existence/index.ts";

// Which requests wait for the time floor (docs/existence.md#the-time-floor).

test("the code flows are floored whatever their input", () => {
  for (const op of ["ConfirmSignUp", "ResendConfirmationCode", "ForgotPassword", "ConfirmForgotPassword"]) {
    assert.equal(isTimeFloored(op, {}), true, op);
  }
});

test("USER_AUTH starts are floored, the password sign-ins are not", () => {
  for (const op of ["InitiateAuth", "AdminInitiateAuth"]) {
    assert.equal(isTimeFloored(op, { AuthFlow: "USER_AUTH" }), true, op);
    for (const flow of ["USER_PASSWORD_AUTH", "USER_SRP_AUTH", "CUSTOM_AUTH", "REFRESH_TOKEN_AUTH"]) {
      assert.equal(isTimeFloored(op, { AuthFlow: flow }), false, `${op} ${flow}`);
    }
  }
});

test("the password-free challenges' answers are floored, the others are not", () => {
  for (const op of ["RespondToAuthChallenge", "AdminRespondToAuthChallenge"]) {
    for (const c of ["SELECT_CHALLENGE", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]) {
      assert.equal(isTimeFloored(op, { ChallengeName: c }), true, `${op} ${c}`);
    }
    for (const c of [
      "PASSWORD_VERIFIER",
      "NEW_PASSWORD_REQUIRED",
      "SOFTWARE_TOKEN_MFA",
      "CUSTOM_CHALLENGE",
      7,
    ]) {
      assert.equal(isTimeFloored(op, { ChallengeName: c }), false, `${op} ${c}`);
    }
  }
});

test("other operations and odd inputs are not floored", () => {
  assert.equal(isTimeFloored("SignUp", { AuthFlow: "USER_AUTH" }), false);
  assert.equal(isTimeFloored("InitiateAuth", null), false);
  assert.equal(isTimeFloored("InitiateAuth", "USER_AUTH"), false);
});
