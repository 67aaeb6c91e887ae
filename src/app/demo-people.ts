/**
 * The people of the demo workspace: the audit team's in London, the guidance group's in Shanghai,
 * and a visitor in New York who belongs to neither group.
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

/** The audit team's people; their ids are what its group data refers to. */
export const HELEN = 'U0HELEN';
export const DAVID = 'U0DAVID';
export const PRIYA = 'U0PRIYA';
export const TOM = 'U0TOM';
export const GRACE = 'U0GRACE';
export const SAM = 'U0SAM';
export const ROSA = 'U0ROSA';

/** The guidance group's people (第十四指导组); its group data refers to them by these ids. */
export const WANG = 'U0WANGJG';
export const LIWEN = 'U0LIWEN';
export const ZHANG = 'U0ZHANGMIN';
export const SUN = 'U0SUNYUE';
export const LIU = 'U0LIUYANG';
export const CHEN = 'U0CHENJING';
export const ZHAO = 'U0ZHAOLEI';

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

/** Everyone in the demo workspace: both groups' people and the visitor. */
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
