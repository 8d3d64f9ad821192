/**
 * TIMESTAMP of the PASSWORD_VERIFIER response: `ddd MMM D HH:mm:ss UTC YYYY` in UTC with English
 * names, the day of month NOT zero-padded, time fields zero-padded — what amazon-cognito-identity-js
 * (DateHelper.getNowString) and Amplify (getNowString) send, e.g. `Wed Oct 25 19:56:23 UTC 2017`
 * (docs/srp.md#what-the-client-computes). The AWS mobile SDKs render the same pattern.
 *
 * Decision: only that canonical rendering is accepted. Real Cognito answered "Incorrect username or
 * password." to `Wed Apr 05 22:44:40 UTC 2017` (zero-padded day) and accepted `Wed Apr 5 …` (docs/srp.md#timestamp),
 * which is consistent with re-rendering the parsed time canonically before the MAC; we get the same
 * outcome by rejecting anything whose canonical rendering differs (padded day, wrong weekday,
 * impossible dates, other spacing or case).
 */

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const two = (n: number): string => String(n).padStart(2, "0");

/** The clients' rendering of a date (UTC). */
export function formatTimestamp(date: Date): string {
  const wd = WEEKDAYS[date.getUTCDay()];
  const mon = MONTHS[date.getUTCMonth()];
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${wd} ${mon} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}

const SHAPE = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([1-9]\d?) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/;

/** The instant a canonical TIMESTAMP denotes, or null for anything a real client would not send. */
export function parseTimestamp(s: string): Date | null {
  const m = SHAPE.exec(s);
  if (!m) return null;
  const [, mon, day, hh, mm, ss, year] = m;
  const month = MONTHS.indexOf(mon as (typeof MONTHS)[number]);
  if (month < 0) return null;
  const date = new Date(Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss)));
  // Date.UTC normalises overflow (Feb 30 → Mar 2, 24:00 → next day); the round trip catches it,
  // along with a weekday that does not match the date.
  return formatTimestamp(date) === s ? date : null;
}
