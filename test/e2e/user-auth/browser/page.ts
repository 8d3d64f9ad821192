// The test page's script, bundled with esbuild at test time (../amplify-browser.test.ts): Amplify v6's
// auth API on window, configured by the test with hushpool's endpoint.
import { Amplify } from "aws-amplify";
import {
  associateWebAuthnCredential,
  autoSignIn,
  confirmSignIn,
  confirmSignUp,
  deleteWebAuthnCredential,
  fetchAuthSession,
  listWebAuthnCredentials,
  signIn,
  signOut,
  signUp,
} from "aws-amplify/auth";

(globalThis as unknown as Record<string, unknown>).hp = {
  configure(userPoolId: string, userPoolClientId: string, userPoolEndpoint: string) {
    Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint } } });
  },
  associateWebAuthnCredential,
  // Called through a wrapper, not stored: Amplify's `autoSignIn` export is a `let` that signUp and
  // confirmSignUp replace (setAutoSignIn), so a value stored here would stay the initial function,
  // which always throws "The autoSignIn flow has not started, or has been cancelled/completed."
  autoSignIn: () => autoSignIn(),
  confirmSignIn,
  confirmSignUp,
  deleteWebAuthnCredential,
  fetchAuthSession,
  listWebAuthnCredentials,
  signIn,
  signOut,
  signUp,
};
