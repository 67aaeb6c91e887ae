import type { Lang } from '../domain/types';

/** Messages shown on the fields of the log form. */
export interface LogFormStrings {
  chooseUnit: string;
  unitGone: string;
  chooseType: string;
  chooseDate: string;
  futureDate: string;
  badCount: string;
  notesTooLong: string;
  notMember: string;
  groupGone: string;
}

const en: LogFormStrings = {
  chooseUnit: 'Choose the unit you worked with.',
  unitGone: 'This unit was archived or removed; choose another.',
  chooseType: 'Choose what you did.',
  chooseDate: 'Choose the date.',
  futureDate: 'The date is in the future; choose today or an earlier day.',
  badCount: 'Enter a whole number from 1 to 1,000.',
  notesTooLong: 'Notes can be at most 2,000 characters.',
  notMember: 'You are not a member of this group any more; ask its leader to add you.',
  groupGone: 'This group no longer exists.',
};

const zh: LogFormStrings = {
  chooseUnit: '请选择联系单位。',
  unitGone: '该单位已归档或删除，请选择其他单位。',
  chooseType: '请选择工作类型。',
  chooseDate: '请选择日期。',
  futureDate: '日期不能晚于今天。',
  badCount: '请输入 1 到 1000 之间的整数。',
  notesTooLong: '备注最多 2000 字。',
  notMember: '你已不是本组成员，请联系组长添加。',
  groupGone: '该指导组已不存在。',
};

export function logFormStrings(lang: Lang): LogFormStrings {
  return lang === 'zh' ? zh : en;
}
