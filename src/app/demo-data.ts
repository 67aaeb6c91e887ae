import { AUDIT_TEAM } from './demo-audit-team';
import type { DemoGroup } from './demo-group-spec';
import { GROUP_14 } from './demo-group14';

/**
 * The demo workspace of local mode as plain data: its people, and the two groups with their units,
 * a week of logged work, findings and schedules. Days are counted back from "today" in the group's
 * time zone, so the demo always looks like last week's work; demo.ts writes it through the store.
 */

export type { DemoGroup, DemoStep } from './demo-group-spec';
export { type DemoUser, USERS } from './demo-people';

/** The two demo groups: the English audit team and the Chinese guidance group. */
export const GROUPS: readonly DemoGroup[] = [AUDIT_TEAM, GROUP_14];
