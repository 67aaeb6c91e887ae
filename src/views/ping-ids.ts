/** Button values and block ids of a liaison's ping. The action ids themselves are declared in ids.ts. */

/** What every ping button carries: group (its channel id), unit key, and the period it is about. */
export interface PingValue {
  g: string;
  u: string;
  p: string;
}

/** The button value: compact JSON, well under Slack's 2,000 characters (unit keys are at most 64). */
export function encodePingValue(v: PingValue): string {
  return JSON.stringify({ g: v.g, u: v.u, p: v.p });
}

/** `block_id` of a unit's row of buttons, so an answer can replace that row only. */
export function pingBlockId(unitKey: string): string {
  return `ping_unit:${unitKey}`;
}
