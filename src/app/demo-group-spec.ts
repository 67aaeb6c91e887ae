import type { ActivityType, Lang, MeetingSchedule, Member, WeeklySchedule } from '../domain/types';

/** What a demo group is made of, with days counted back from "today" in the group's time zone. */

interface DemoUnit {
  key: string;
  name: string;
  kind: string;
  liaisons: string[];
}

/** One logged piece of work: `daysAgo` local days before today, logged at `at` (local `HH:mm`). */
interface DemoActivity {
  daysAgo: number;
  at: string;
  unit: string;
  type: ActivityType;
  by: string;
  /** People met (interviews, symposiums); 1 when absent. */
  count?: number;
  notes: string;
}

/** One step of a demo finding's rectification, `daysAgo` at 11:30. */
export interface DemoStep {
  by: string;
  daysAgo: number;
  notes: string;
}

/**
 * A finding raised `raisedDaysAgo`, due `dueInDays` after today (negative: overdue), maybe with a
 * plan, marked done and verified (closed).
 */
interface DemoFinding {
  unit: string;
  text: string;
  by: string;
  raisedDaysAgo: number;
  dueInDays: number;
  severity?: 'low' | 'medium' | 'high';
  plan?: DemoStep;
  done?: DemoStep;
  verified?: DemoStep;
}

/** One demo group: its channel, settings, people, units, a week of work, findings and schedules. */
export interface DemoGroup {
  /** The group's channel, which is also the group's id. */
  channelId: string;
  channelName: string;
  topic: string;
  name: string;
  tz: string;
  lang: Lang;
  coverageDays: number;
  /** Set up this many days ago, so that a unit never contacted is long past the threshold. */
  createdDaysAgo: number;
  leader: string;
  /** Everyone but the leader and the liaisons, who join through their units. */
  members: Member[];
  units: DemoUnit[];
  activities: DemoActivity[];
  findings: DemoFinding[];
  meeting: MeetingSchedule;
  digest: WeeklySchedule;
}
