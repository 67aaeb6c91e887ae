/** Plain data shared by every layer. No I/O here. */

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** A liaison is a group member whose only standing comes from the units they are assigned. */
export type Role = 'leader' | 'deputy' | 'member' | 'liaison';

export const ACTIVITY_TYPES = [
  'plan_review',
  'interview',
  'symposium',
  'research',
  'meeting',
  'feedback',
  'study',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** ISO weekday: 1 = Monday … 7 = Sunday. Weeks start on Monday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A calendar date in the group's time zone, `YYYY-MM-DD`. */
export type IsoDate = string;

export interface WeeklySchedule {
  weekday: Weekday;
  /** Local wall-clock time in the group's zone, `HH:mm`. */
  time: string;
}

export interface MeetingSchedule extends WeeklySchedule {
  /** Minutes before the meeting that the reminder is posted. */
  remindMinutes: number;
  /** Meeting dates (local) that are skipped, e.g. holidays. */
  skips: IsoDate[];
}

export interface Group {
  /** The channel the group is bound to; one group per channel. */
  id: string;
  teamId: string;
  /**
   * The Enterprise Grid org of the workspace when it has one (from the setup request): jobs carry it
   * so that a workspace served by an org-wide install finds its token.
   */
  enterpriseId?: string | undefined;
  name: string;
  tz: string;
  /** The language of channel posts, and of every answer when `langSet`. */
  lang: Lang;
  /**
   * Whether the group's language was chosen (`lang=`). When it was not, what one person sees
   * (ephemeral answers, forms, the App Home) follows that person's Slack locale.
   */
  langSet: boolean;
  /** The reminder and the digest: new messages, or replies in the thread of the week's first post. */
  posts: PostMode;
  /** Liaisons in channel posts: @-mentioned (notified), or only named. */
  liaisonNames: LiaisonNames;
  /** Days without contact after which a unit counts as a coverage gap. */
  coverageDays: number;
  meeting: MeetingSchedule | null;
  digest: WeeklySchedule | null;
  createdBy: string;
  createdAt: number;
}

export type PostMode = 'message' | 'thread';
export type LiaisonNames = 'mention' | 'name';

/** What a group created before these options existed reads as. */
export const GROUP_OPTION_DEFAULTS = {
  langSet: true,
  posts: 'message',
  liaisonNames: 'mention',
} as const satisfies Pick<Group, 'langSet' | 'posts' | 'liaisonNames'>;

export interface Member {
  userId: string;
  role: Role;
}

export interface Unit {
  /** Short slug, unique within the group, lower case. */
  key: string;
  name: string;
  kind: string;
  liaisons: string[];
  archived: boolean;
  createdAt: number;
}

export interface Activity {
  id: number;
  unitKey: string;
  type: ActivityType;
  date: IsoDate;
  /** People or sessions covered (e.g. people interviewed); 1 when not given. */
  count: number;
  notes: string;
  userId: string;
  createdAt: number;
  /** Permalink of the Slack message it was logged from (the "Log as activity" shortcut). */
  link?: string;
}

/**
 * A finding's states (SPEC "Findings"): raised `open`; `rectifying` once its owner gave a plan;
 * `waiting` once marked done, for a verifier; `closed` once verified. `reopen` sends a waiting or
 * closed finding back to `rectifying`.
 */
export const FINDING_STATUSES = ['open', 'rectifying', 'waiting', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A file attached as evidence (Slack's file id and name; its permalink when Slack gave one). */
export interface EvidenceFile {
  id: string;
  name: string;
  url?: string;
}

/** What happened to a finding: raised, then each plan, done, verification, reopening and new due date. */
export type FindingStep = 'raise' | 'plan' | 'done' | 'verify' | 'reopen' | 'due';

export interface FindingEvent {
  step: FindingStep;
  by: string;
  at: number;
  /** The plan, the notes, the reason: what the person wrote with this step ('' when nothing). */
  notes: string;
  /** `due`: the date before (null when there was none) and the new one. */
  from?: IsoDate | null;
  to?: IsoDate;
  /** Evidence attached to a plan or to done. */
  files?: EvidenceFile[];
  /** `verify` by the person who marked it done: the group had no other verifier. */
  selfVerified?: true;
  /** `verify` of a finding closed by "done" before verification existed (nobody signed it off). */
  legacy?: true;
}

export interface Finding {
  id: number;
  unitKey: string;
  text: string;
  due: IsoDate | null;
  createdBy: string;
  createdAt: number;
  /** Who rectifies it: `owner=`, else the unit's first liaison, else the raiser. */
  owner: string;
  severity: Severity;
  status: FindingStatus;
  /** The latest rectification plan, null before one was given. */
  plan: string | null;
  /** The latest "marked done" (cleared by reopen). */
  doneBy: string | null;
  doneAt: number | null;
  doneNotes: string | null;
  /** Who verified it and when, while closed. */
  closedBy: string | null;
  closedAt: number | null;
  /** Every change, oldest first; the first is `raise`. */
  history: FindingEvent[];
  /** Permalink of the Slack message it was raised from (the "Raise a finding" shortcut). */
  link?: string;
}

/** What status needs per unit; the store answers it in O(units). */
export interface UnitSummary {
  unit: Unit;
  /** Date of the most recent activity, or null when there was none. */
  lastContact: IsoDate | null;
  /** Activities dated in the current week (Monday to Sunday, group time zone). */
  weekCount: number;
  openFindings: number;
}
