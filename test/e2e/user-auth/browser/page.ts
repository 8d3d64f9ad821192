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
  autoSignIn,
  confirmSignIn,
  confirmSignUp,
  deleteWebAuthnCredential,
  fetchAuthSession,
  listWebAuthnCredentials,
  signIn,
  signOut,
  signUp,
};
