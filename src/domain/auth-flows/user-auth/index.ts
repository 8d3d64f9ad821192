/** USER_AUTH, choice-based sign-in (./start.ts; docs/authentication.md#choice-based-sign-in-user_auth). */

export { issueAutoSignInSession } from "./auto-sign-in.ts";
export { ANSWER_KEY as OTP_ANSWER_KEY, answerOtp } from "./otp.ts";
export { answerWebAuthn } from "./passkey.ts";
export { respondSelect, userAuthStart } from "./start.ts";
