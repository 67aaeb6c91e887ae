import { describe, expect, it } from 'vitest';
import { activityTypeLabel, parseActivityType } from '../../src/domain/activity-types';
import { ACTIVITY_TYPES } from '../../src/domain/types';

describe('parseActivityType', () => {
  it('accepts every key, English label and Chinese label', () => {
    for (const type of ACTIVITY_TYPES) {
      expect(parseActivityType(type)).toBe(type);
      expect(parseActivityType(activityTypeLabel(type, 'zh'))).toBe(type);
      expect(parseActivityType(activityTypeLabel(type, 'en').replace(/ /g, '-'))).toBe(type);
    }
  });

  it('accepts the spellings of plan_review', () => {
    for (const w of ['plan_review', 'plan-review', 'planreview', 'PLAN', 'Review', '方案', '审阅']) {
      expect(parseActivityType(w)).toBe('plan_review');
    }
  });

  it('accepts common aliases', () => {
    expect(parseActivityType('访谈')).toBe('interview');
    expect(parseActivityType('谈话')).toBe('interview');
    expect(parseActivityType('座谈')).toBe('symposium');
    expect(parseActivityType('深入调研')).toBe('research');
    expect(parseActivityType('列席')).toBe('meeting');
    expect(parseActivityType('会议')).toBe('meeting');
    expect(parseActivityType('点评')).toBe('feedback');
    expect(parseActivityType('反馈')).toBe('feedback');
    expect(parseActivityType('学习')).toBe('study');
    expect(parseActivityType('其它')).toBe('other');
  });

  it('refuses unknown words', () => {
    expect(parseActivityType('lunch')).toBeNull();
    expect(parseActivityType('')).toBeNull();
  });
});

describe('activityTypeLabel', () => {
  it('names types in both languages', () => {
    expect(activityTypeLabel('research', 'en')).toBe('field research');
    expect(activityTypeLabel('research', 'zh')).toBe('调研');
    expect(activityTypeLabel('feedback', 'zh')).toBe('现场点评');
  });
});
