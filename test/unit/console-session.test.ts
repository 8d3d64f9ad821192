/**
 * The console's escaping template tag and its stateless session (docs/console.md#security,
 * docs/console.md#signing-in): values are always text; a session cookie is refused when forged,
 * idle too long, too old, or signed for a key whose secret changed.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { ServerSecrets } from "../../src/crypto/server-secrets.ts";
import type { AdminKey } from "../../src/server/admin-auth/keys.ts";
import { escapeText, html, path } from "../../src/server/console/html.ts";
import { IDLE_MS, MAX_AGE_MS, SessionCodec } from "../../src/server/console/session.ts";

test("every interpolated value is escaped; nested html is kept", () => {
  const evil = `<script>alert("x")</script>' onmouseover='x' \`y\` &amp;`;
  const out = html`<p title="${evil}">${evil}${html`<b>${evil}</b>`}${[evil, html`<i>ok</i>`]}</p>`.text;
  assert.ok(!out.includes("<script>"));
  assert.ok(!out.includes(`"x"`));
  assert.ok(!out.includes("' onmouseover"));
  assert.ok(out.includes("<b>&lt;script&gt;"));
  assert.ok(out.includes("<i>ok</i>"));
  assert.equal(escapeText("&<>\"'`"), "&amp;&lt;&gt;&quot;&#39;&#96;");
  assert.equal(html`${null}${undefined}${false}${0}`.text, "0");
  assert.equal(
    path`/console/pools/${"a/b?c#d"}/users/${"<x>"}`,
    "/console/pools/a%2Fb%3Fc%23d/users/%3Cx%3E",
  );
});

const key = (secret: string): AdminKey => ({ accessKeyId: "AKIATEST", secretAccessKey: secret, pools: "*" });
const secrets = new ServerSecrets(randomBytes(32));

test("a session round-trips, and is refused when forged, idle, too old or after key rotation", () => {
  const codec = new SessionCodec(secrets, new Map([["AKIATEST", key("s1")]]));
  const t = 1_800_000_000_000;
  const s = codec.issue("AKIATEST", t);
  const cookie = codec.encode(s);
  assert.deepEqual(codec.decode(cookie, t + 1000), s);
  // Forged: payload changed, MAC kept.
  const [payload, mac] = cookie.split(".") as [string, string];
  const other = Buffer.from(JSON.stringify([s.sid, "AKIATEST", t, t + IDLE_MS])).toString("base64url");
  assert.equal(codec.decode(`${other}.${mac}`, t), null);
  assert.equal(codec.decode(`${payload}.${Buffer.alloc(32).toString("base64url")}`, t), null);
  assert.equal(codec.decode("garbage", t), null);
  assert.equal(codec.decode(undefined, t), null);
  // Idle expiry, and the absolute limit even when renewed.
  assert.equal(codec.decode(cookie, t + IDLE_MS + 1), null);
  const renewed = codec.encode({ ...s, seen: t + MAX_AGE_MS });
  assert.equal(codec.decode(renewed, t + MAX_AGE_MS + 1), null);
  // Another server seed, or the key's secret rotated: no longer valid.
  assert.equal(
    new SessionCodec(new ServerSecrets(randomBytes(32)), new Map([["AKIATEST", key("s1")]])).decode(
      cookie,
      t,
    ),
    null,
  );
  assert.equal(new SessionCodec(secrets, new Map([["AKIATEST", key("s2")]])).decode(cookie, t), null);
  // A keyless session is no session on a keyed server.
  const keyless = new SessionCodec(secrets, new Map());
  assert.equal(codec.decode(keyless.encode(keyless.issue("", t)), t), null);
  assert.equal(keyless.decode(cookie, t), null);
});

test("CSRF tokens belong to their session; keys are checked exactly", () => {
  const codec = new SessionCodec(secrets, new Map([["AKIATEST", key("s1")]]));
  const a = codec.issue("AKIATEST", 0);
  const b = codec.issue("AKIATEST", 0);
  assert.equal(codec.checkCsrf(a, codec.csrfToken(a)), true);
  assert.equal(codec.checkCsrf(a, codec.csrfToken(b)), false);
  assert.equal(codec.checkCsrf(a, null), false);
  assert.equal(codec.verifyKey("AKIATEST", "s1")?.accessKeyId, "AKIATEST");
  assert.equal(codec.verifyKey("AKIATEST", "s1 "), null);
  assert.equal(codec.verifyKey("AKIAOTHER", "s1"), null);
  assert.equal(codec.verifyKey("AKIAOTHER", ""), null);
});
