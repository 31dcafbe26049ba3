import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from './checks';
import { EVENT_LABELS, STAGE_LABELS, SUBSTATE_LABELS } from './labels';
import { describeRefusal, MESSAGES } from './messages';
import { projectMachine } from './project';
import { EVENT_TYPES, STAGES } from './types';

describe('refusal messages', () => {
  it('every code used in checks.ts / runtime.ts is listed in REFUSAL_CODES', () => {
    const src = ['checks.ts', 'runtime.ts'].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8')).join('\n');
    const used = new Set([...src.matchAll(/'([A-Z][A-Z_]{3,})'/g)].map((m) => m[1])
      .filter((c) => !(EVENT_TYPES as string[]).includes(c)));
    expect([...used].filter((c) => !(REFUSAL_CODES as readonly string[]).includes(c))).toEqual([]);
  });
  it.each(REFUSAL_CODES)('%s has zh-CN and en messages', (code) => {
    expect(MESSAGES[code]).toBeTypeOf('function');
    const params = { count: 2, role: 'vendor', event: 'SIGN', stage: 'bidding', party: 'supervisor', fields: 'contractNo',
      obstacles: '旧管道', names: '张三', items: '张三 电工证 (2025-01-01)', documents: '竣工图', outstanding: 12345,
      dueOn: '2026-06-10', version: 2, current: 1, reason: 'x', today: '2026-06-01', latest: '2026-11-28', date: '2026-06-10' };
    const zh = describeRefusal({ code, params }, 'zh-CN');
    const en = describeRefusal({ code, params }, 'en');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).not.toMatch(/undefined|\$\{/);
    expect(zh).not.toMatch(/undefined|\$\{/);
  });
  it('reads naturally', () => {
    expect(describeRefusal({ code: 'QUOTES_FEWER_THAN_THREE', params: { count: 2 } }, 'zh-CN'))
      .toBe('有效报价不足三家（目前 2 家）：需要至少三家不同安装公司的有效报价（最新版本、未撤回、在有效期内、总价大于 0）');
    expect(describeRefusal({ code: 'WAITING_FOR_OTHER_PARTY', params: { party: 'client,designer' } }, 'zh-CN'))
      .toBe('当前等待建设单位或设计单位处理，您暂时不能操作');
    expect(describeRefusal({ code: 'CONTRACT_FIELDS_MISSING', params: { fields: 'contractNo,signedOn' } }, 'zh-CN'))
      .toBe('合同信息不完整：请填写合同编号、签订日期');
    expect(describeRefusal({ code: 'PAYMENT_EXCEEDS_OUTSTANDING', params: { outstanding: 1234567 } }, 'en'))
      .toContain('¥12,345.67');
    expect(describeRefusal({ code: 'SOMETHING_NEW' }, 'zh-CN')).toBe('操作被拒绝（SOMETHING_NEW）');
  });
});

describe('labels', () => {
  it('every stage and event has both labels', () => {
    for (const s of STAGES) expect(STAGE_LABELS[s]['zh-CN'] && STAGE_LABELS[s].en).toBeTruthy();
    for (const t of EVENT_TYPES) expect(EVENT_LABELS[t]['zh-CN'] && EVENT_LABELS[t].en).toBeTruthy();
  });
  it('every compound substate has a label', () => {
    const paths: string[] = [];
    const walk = (node: typeof projectMachine.root, depth: number) => {
      if (depth >= 2) paths.push(node.path.join('.'));
      for (const child of Object.values(node.states)) walk(child, depth + 1);
    };
    walk(projectMachine.root, 0);
    expect(paths.filter((p) => !SUBSTATE_LABELS[p])).toEqual([]);
  });
});
