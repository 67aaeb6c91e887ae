import type { ActivityType, Lang, MeetingSchedule, Member, WeeklySchedule } from '../domain/types';

/**
 * The demo workspace of local mode as plain data: its people, and the two groups with their units,
 * a week of logged work, findings and schedules. Days are counted back from "today" in the group's
 * time zone, so the demo always looks like last week's work; demo.ts writes it through the store.
 */

/** A person of the demo workspace, as the built-in Slack workspace shows them. */
export interface DemoUser {
  id: string;
  /** The Slack handle. */
  name: string;
  realName: string;
  locale: 'en-US' | 'zh-CN';
  tz: string;
  title: string;
}

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

/** A finding raised `raisedDaysAgo`, due `dueInDays` after today (negative: overdue), maybe closed. */
interface DemoFinding {
  unit: string;
  text: string;
  by: string;
  raisedDaysAgo: number;
  dueInDays: number;
  done?: { by: string; daysAgo: number; notes: string };
}

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

const HELEN = 'U0HELEN';
const DAVID = 'U0DAVID';
const PRIYA = 'U0PRIYA';
const TOM = 'U0TOM';
const GRACE = 'U0GRACE';
const SAM = 'U0SAM';
const ROSA = 'U0ROSA';

const WANG = 'U0WANGJG';
const LIWEN = 'U0LIWEN';
const ZHANG = 'U0ZHANGMIN';
const SUN = 'U0SUNYUE';
const LIU = 'U0LIUYANG';
const CHEN = 'U0CHENJING';
const ZHAO = 'U0ZHAOLEI';

const en = (id: string, name: string, realName: string, title: string): DemoUser => ({
  id,
  name,
  realName,
  locale: 'en-US',
  tz: 'Europe/London',
  title,
});
const zh = (id: string, name: string, realName: string, title: string): DemoUser => ({
  id,
  name,
  realName,
  locale: 'zh-CN',
  tz: 'Asia/Shanghai',
  title,
});

export const USERS: readonly DemoUser[] = [
  en(HELEN, 'helen.carter', 'Helen Carter', 'Team lead'),
  en(DAVID, 'david.mensah', 'David Mensah', 'Deputy team lead'),
  en(PRIYA, 'priya.nair', 'Priya Nair', 'Senior auditor'),
  en(TOM, 'tom.fletcher', 'Tom Fletcher', 'Auditor'),
  en(GRACE, 'grace.liu', 'Grace Liu', 'Liaison officer'),
  en(SAM, 'sam.okafor', 'Sam Okafor', 'Liaison officer'),
  en(ROSA, 'rosa.martinez', 'Rosa Martinez', 'Liaison officer'),
  zh(WANG, 'wangjianguo', '王建国', '组长'),
  zh(LIWEN, 'liwen', '李文', '副组长'),
  zh(ZHANG, 'zhangmin', '张敏', '组员'),
  zh(SUN, 'sunyue', '孙悦', '组员'),
  zh(LIU, 'liuyang', '刘洋', '联络员'),
  zh(CHEN, 'chenjing', '陈静', '联络员'),
  zh(ZHAO, 'zhaolei', '赵磊', '联络员'),
  { ...en('U0OLIVIA', 'olivia.park', 'Olivia Park', 'Visitor'), tz: 'America/New_York' },
];

/** Finance, procurement, hospital and schools are busy; water and transport went quiet; housing was never visited. */
const AUDIT_TEAM: DemoGroup = {
  channelId: 'C0AUDITTEAM',
  channelName: 'audit-team',
  topic: 'Northern Region Audit Team · weekly meeting Thursdays 10:00 · log visits with /dudao log',
  name: 'Northern Region Audit Team',
  tz: 'Europe/London',
  lang: 'en',
  coverageDays: 7,
  createdDaysAgo: 24,
  leader: HELEN,
  members: [
    { userId: DAVID, role: 'deputy' },
    { userId: PRIYA, role: 'member' },
    { userId: TOM, role: 'member' },
  ],
  units: [
    { key: 'finance', name: 'Finance Department', kind: 'department', liaisons: [GRACE] },
    { key: 'procurement', name: 'Procurement Office', kind: 'office', liaisons: [GRACE, PRIYA] },
    { key: 'hospital', name: 'City Hospital', kind: 'hospital', liaisons: [SAM] },
    { key: 'water', name: 'Water Utility', kind: 'utility', liaisons: [SAM] },
    { key: 'schools', name: 'Schools Board', kind: 'board', liaisons: [ROSA, TOM] },
    { key: 'transport', name: 'Transport Agency', kind: 'agency', liaisons: [ROSA] },
    { key: 'housing', name: 'Housing Authority', kind: 'authority', liaisons: [TOM] },
  ],
  activities: [
    {
      daysAgo: 12,
      at: '11:30',
      unit: 'transport',
      type: 'interview',
      by: ROSA,
      count: 2,
      notes:
        'Interviewed the fleet manager and the contracts lead about extending the bus maintenance contract.',
    },
    {
      daysAgo: 11,
      at: '15:00',
      unit: 'water',
      type: 'research',
      by: SAM,
      notes: 'Site visit to the treatment works; asked for the asset condition survey, still outstanding.',
    },
    {
      daysAgo: 6,
      at: '10:30',
      unit: 'finance',
      type: 'plan_review',
      by: HELEN,
      notes: 'Reviewed the 2027 budget plan with the finance director; asked for capital lines by programme.',
    },
    {
      daysAgo: 6,
      at: '15:00',
      unit: 'procurement',
      type: 'interview',
      by: PRIYA,
      count: 3,
      notes: 'Interviewed three buyers on how single-supplier waivers get approved.',
    },
    {
      daysAgo: 5,
      at: '11:00',
      unit: 'hospital',
      type: 'research',
      by: SAM,
      notes: 'Walked the pharmacy stores with the chief pharmacist; the sampled stock matched the ledger.',
    },
    {
      daysAgo: 5,
      at: '16:30',
      unit: 'schools',
      type: 'meeting',
      by: ROSA,
      notes: 'Sat in on the monthly board meeting; no decision yet on the two roofing contracts.',
    },
    {
      daysAgo: 4,
      at: '12:00',
      unit: 'finance',
      type: 'interview',
      by: GRACE,
      count: 2,
      notes: 'Spoke to the two accountants who reconcile grants; month-end close slips by about a week.',
    },
    {
      daysAgo: 4,
      at: '16:00',
      unit: 'procurement',
      type: 'feedback',
      by: DAVID,
      notes: 'Feedback on the draft waiver register: every line needs the approver and the value threshold.',
    },
    {
      daysAgo: 3,
      at: '11:15',
      unit: 'hospital',
      type: 'symposium',
      by: TOM,
      count: 8,
      notes: 'Symposium with eight ward managers on agency staffing costs and who signs off overtime.',
    },
    {
      daysAgo: 3,
      at: '15:30',
      unit: 'procurement',
      type: 'study',
      by: PRIYA,
      notes: 'Team study session on the new public procurement rules ahead of next week’s sampling.',
    },
    {
      daysAgo: 2,
      at: '10:45',
      unit: 'schools',
      type: 'interview',
      by: TOM,
      count: 4,
      notes: 'Interviewed four head teachers about how maintenance money is shared between schools.',
    },
    {
      daysAgo: 2,
      at: '14:30',
      unit: 'finance',
      type: 'meeting',
      by: HELEN,
      notes: 'Attended the finance committee; the revised budget goes to the board next month.',
    },
    {
      daysAgo: 1,
      at: '11:00',
      unit: 'hospital',
      type: 'plan_review',
      by: DAVID,
      notes: 'Reviewed the agency staffing action plan: clear targets, but nobody owns the rota controls.',
    },
    {
      daysAgo: 1,
      at: '16:00',
      unit: 'procurement',
      type: 'research',
      by: GRACE,
      notes: 'Sampled 12 purchase orders over £25,000; two had no second quote on file.',
    },
    {
      daysAgo: 0,
      at: '09:30',
      unit: 'schools',
      type: 'feedback',
      by: ROSA,
      notes:
        'On-the-spot feedback to the board secretary: publish the repairs priority list with its scores.',
    },
    {
      daysAgo: 0,
      at: '10:15',
      unit: 'finance',
      type: 'other',
      by: PRIYA,
      notes: 'Picked up the grant reconciliation samples from last week; no new request made to the unit.',
    },
  ],
  findings: [
    {
      unit: 'procurement',
      text: 'Waiver register incomplete: approver and reason missing on 5 of 18 single-supplier waivers',
      by: DAVID,
      raisedDaysAgo: 11,
      dueInDays: -3,
    },
    {
      unit: 'hospital',
      text: 'No named owner for the agency staff rota controls',
      by: DAVID,
      raisedDaysAgo: 1,
      dueInDays: 10,
    },
    {
      unit: 'finance',
      text: 'Grant reconciliations are not signed off by a second officer',
      by: GRACE,
      raisedDaysAgo: 8,
      dueInDays: 6,
      done: {
        by: GRACE,
        daysAgo: 2,
        notes: 'Second sign-off added to the month-end checklist; the last two reconciliations are signed.',
      },
    },
  ],
  meeting: { weekday: 4, time: '10:00', remindMinutes: 60, skips: [] },
  digest: { weekday: 5, time: '16:00' },
};

/** 发改委、财政厅、教育厅、卫健委联系紧密；交通厅和生态环境厅已十余天未联系；住建厅尚未联系。 */
const GROUP_14: DemoGroup = {
  channelId: 'C0GROUP14',
  channelName: '第十四指导组',
  topic: '第十四指导组工作群 · 每周三 15:00 碰头会 · 用 /dudao log 记录工作',
  name: '第十四指导组',
  tz: 'Asia/Shanghai',
  lang: 'zh',
  coverageDays: 7,
  createdDaysAgo: 26,
  leader: WANG,
  members: [
    { userId: LIWEN, role: 'deputy' },
    { userId: ZHANG, role: 'member' },
    { userId: SUN, role: 'member' },
  ],
  units: [
    { key: 'fgw', name: '省发展改革委', kind: '部门', liaisons: [LIU] },
    { key: 'czt', name: '省财政厅', kind: '部门', liaisons: [LIU, ZHANG] },
    { key: 'jyt', name: '省教育厅', kind: '部门', liaisons: [CHEN] },
    { key: 'wjw', name: '省卫生健康委', kind: '部门', liaisons: [CHEN, SUN] },
    { key: 'jtt', name: '省交通运输厅', kind: '部门', liaisons: [ZHAO] },
    { key: 'sthj', name: '省生态环境厅', kind: '部门', liaisons: [ZHAO] },
    { key: 'zjt', name: '省住房城乡建设厅', kind: '部门', liaisons: [SUN] },
  ],
  activities: [
    {
      daysAgo: 11,
      at: '10:30',
      unit: 'jtt',
      type: 'research',
      by: ZHAO,
      notes: '到高速公路建设项目现场调研，了解工程款支付和农民工工资保障情况。',
    },
    {
      daysAgo: 10,
      at: '16:00',
      unit: 'sthj',
      type: 'interview',
      by: ZHAO,
      count: 2,
      notes: '个别访谈执法人员2人，了解环境执法检查计划执行情况。',
    },
    {
      daysAgo: 6,
      at: '10:00',
      unit: 'fgw',
      type: 'plan_review',
      by: WANG,
      notes: '审阅实施方案（第二稿），建议把专项整治任务逐项明确责任处室和完成时限。',
    },
    {
      daysAgo: 6,
      at: '15:30',
      unit: 'czt',
      type: 'interview',
      by: ZHANG,
      count: 5,
      notes: '个别访谈处室负责人5人，了解预算执行和专项资金拨付情况。',
    },
    {
      daysAgo: 5,
      at: '11:00',
      unit: 'jyt',
      type: 'symposium',
      by: CHEN,
      count: 12,
      notes: '召开基层学校校长座谈会，12人参加，反映课后服务经费保障不足。',
    },
    {
      daysAgo: 5,
      at: '16:30',
      unit: 'wjw',
      type: 'research',
      by: SUN,
      notes: '到两家县级医院调研，重点看医保基金使用和药品集中采购落实情况。',
    },
    {
      daysAgo: 4,
      at: '10:00',
      unit: 'czt',
      type: 'meeting',
      by: LIWEN,
      notes: '列席厅党组会议，研究预算调整事项，会后就有关议题提出意见。',
    },
    {
      daysAgo: 4,
      at: '16:00',
      unit: 'fgw',
      type: 'interview',
      by: LIU,
      count: 3,
      notes: '个别访谈中层干部3人，听取对项目审批流程改革的意见。',
    },
    {
      daysAgo: 3,
      at: '11:30',
      unit: 'wjw',
      type: 'feedback',
      by: WANG,
      notes: '现场点评：问题清单的整改措施要具体到人、具体到时间，防止整改流于形式。',
    },
    {
      daysAgo: 3,
      at: '15:00',
      unit: 'jyt',
      type: 'plan_review',
      by: CHEN,
      notes: '审阅教育厅整改方案，建议补充教育收费专项检查内容。',
    },
    {
      daysAgo: 2,
      at: '10:30',
      unit: 'czt',
      type: 'research',
      by: LIU,
      notes: '赴两个市财政局调研直达资金监控系统运行情况。',
    },
    {
      daysAgo: 2,
      at: '15:00',
      unit: 'fgw',
      type: 'study',
      by: LIWEN,
      notes: '组内集中学习，研读有关文件精神和督导工作纪律、保密要求。',
    },
    {
      daysAgo: 1,
      at: '10:00',
      unit: 'wjw',
      type: 'symposium',
      by: SUN,
      count: 9,
      notes: '与委机关青年干部座谈，9人参加，收集对作风建设的意见建议。',
    },
    {
      daysAgo: 1,
      at: '16:00',
      unit: 'jyt',
      type: 'meeting',
      by: ZHANG,
      notes: '列席教育厅厅务会，会议通报了前期整改进展。',
    },
    {
      daysAgo: 0,
      at: '09:30',
      unit: 'czt',
      type: 'feedback',
      by: WANG,
      notes: '向财政厅反馈前期访谈发现的问题，要求一周内提交整改台账。',
    },
    {
      daysAgo: 0,
      at: '11:00',
      unit: 'fgw',
      type: 'other',
      by: ZHANG,
      notes: '整理审批事项清单等已有材料，未要求单位另行报送。',
    },
  ],
  findings: [
    {
      unit: 'czt',
      text: '部分专项资金拨付滞后，3个项目超过规定时限未拨付到位',
      by: ZHANG,
      raisedDaysAgo: 12,
      dueInDays: -3,
    },
    {
      unit: 'wjw',
      text: '县级医院医保基金使用不够规范，需建立常态化自查机制',
      by: SUN,
      raisedDaysAgo: 4,
      dueInDays: 10,
    },
    {
      unit: 'jyt',
      text: '课后服务经费保障政策落实不到位，部分县区未按比例分担',
      by: CHEN,
      raisedDaysAgo: 5,
      dueInDays: 5,
      done: {
        by: CHEN,
        daysAgo: 1,
        notes: '教育厅已印发经费保障通知，明确市县分担比例，经核实已落实到位。',
      },
    },
  ],
  meeting: { weekday: 3, time: '15:00', remindMinutes: 60, skips: [] },
  digest: { weekday: 5, time: '17:00' },
};

export const GROUPS: readonly DemoGroup[] = [AUDIT_TEAM, GROUP_14];
