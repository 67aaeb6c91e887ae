/** True for an IANA zone name that this runtime's Intl knows, e.g. `Asia/Shanghai`. */
export function isValidTimeZoneName(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
