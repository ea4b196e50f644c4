import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClassifierError } from '../../../src/classify/classifier-error.ts';
import { loadComplaintPrompt } from '../../../src/classify/complaint-prompt.ts';
import { answerToClassification, parseLlmAnswer, type LlmAnswer } from '../../../src/classify/llm-answer.ts';
import { GOOD_ANSWER } from '../../servers/openai-api.ts';

const meta = { model: 'm', promptVersion: 'v' };

function failure(fn: () => unknown): ClassifierError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ClassifierError) return error;
    throw error;
  }
  throw new Error('expected a ClassifierError');
}

describe('parseLlmAnswer', () => {
  it('accepts a valid answer, also inside a code fence or after <think>', () => {
    expect(parseLlmAnswer(JSON.stringify(GOOD_ANSWER), 'stop').category).toBe('water_supply');
    expect(parseLlmAnswer('```json\n' + JSON.stringify(GOOD_ANSWER) + '\n```', 'stop').urgency).toBe('normal');
    expect(parseLlmAnswer('<think>water, clearly</think>\n' + JSON.stringify(GOOD_ANSWER), 'stop').isComplaint).toBe(
      true,
    );
  });

  it('takes a hazard, and an answer without one (json_object endpoints leave it out)', () => {
    expect(parseLlmAnswer(JSON.stringify({ ...GOOD_ANSWER, urgency: 'urgent', hazard: 'Gas' }), 'stop').hazard).toBe(
      'gas',
    );
    expect(parseLlmAnswer(JSON.stringify(GOOD_ANSWER), 'stop').hazard).toBeUndefined();
    expect(
      failure(() => parseLlmAnswer(JSON.stringify({ ...GOOD_ANSWER, hazard: 'earthquake' }), 'stop')).message,
    ).toContain('hazard');
  });

  it('accepts the usual spellings of a language', () => {
    expect(parseLlmAnswer(JSON.stringify({ ...GOOD_ANSWER, language: 'zh-Hant' }), 'stop').language).toBe('zh-TW');
  });

  it('rejects an empty, non-JSON, incomplete, mistyped or truncated answer', () => {
    expect(failure(() => parseLlmAnswer('', 'stop')).message).toContain('empty');
    expect(failure(() => parseLlmAnswer(null, 'stop')).failure).toBe('invalid-answer');
    expect(failure(() => parseLlmAnswer('{"category": "water_supply",', 'stop')).message).toContain('not JSON');
    const { urgency: _urgency, ...missing } = GOOD_ANSWER;
    expect(failure(() => parseLlmAnswer(JSON.stringify(missing), 'stop')).message).toContain('urgency');
    expect(
      failure(() => parseLlmAnswer(JSON.stringify({ ...GOOD_ANSWER, category: 'plumbing' }), 'stop')).message,
    ).toContain('category');
    expect(failure(() => parseLlmAnswer(JSON.stringify({ ...GOOD_ANSWER, summary: '  ' }), 'stop')).message).toContain(
      'summary',
    );
    expect(failure(() => parseLlmAnswer(JSON.stringify(GOOD_ANSWER), 'length')).message).toContain('cut short');
    expect(failure(() => parseLlmAnswer(null, 'stop', 'I cannot help with that')).message).toContain('refused');
  });
});

describe('answerToClassification', () => {
  const answer = (place: LlmAnswer['place'], extra: Partial<LlmAnswer> = {}): LlmAnswer => ({
    ...(GOOD_ANSWER as LlmAnswer),
    place,
    ...extra,
  });

  it('normalises the place like the offline classifier: 三号楼 → "3", 2单元 → "2", spots by their canonical name', () => {
    const c = answerToClassification(
      answer({ building: '三号楼', unit: '第二单元', spot: null, text: null }),
      '楼里停水一天了',
      meta,
    );
    expect(c.place).toMatchObject({ building: '3', unit: '2' });
    expect(
      answerToClassification(
        answer({ building: 'Block b', unit: null, spot: 'central garden', text: null }),
        'water everywhere',
        meta,
      ).place,
    ).toMatchObject({
      building: 'B',
      spot: '中心花园',
    });
  });

  it('prefers what the rules read in the text, and keeps the span of the text', () => {
    const c = answerToClassification(
      answer({ building: '30', unit: null, spot: null, text: 'nowhere' }),
      '3号楼2单元停水一天了',
      meta,
    );
    expect(c.place).toEqual({ building: '3', unit: '2', text: '3号楼2单元' });
  });

  it('records source llm, the model and the prompt version, and keeps the summary to one line', () => {
    const c = answerToClassification(answer(null, { summary: '停水\n一天' }), '停水一天了', meta);
    expect(c).toMatchObject({ source: 'llm', model: 'm', promptVersion: 'v', summary: '停水 一天', place: null });
  });

  it('lets the urgency rules raise an answer the model gave as normal, with the hazard they found (safety first)', () => {
    const c = answerToClassification(
      answer(null, { category: 'upkeep', urgency: 'normal', isComplaint: false }),
      '电梯卡住了，里面有人',
      meta,
    );
    expect(c).toMatchObject({ urgency: 'urgent', hazard: 'trapped', urgencyRaised: 'rules', isComplaint: true });
  });

  it('lets the offline decision it is given raise a normal answer, recording that the scorer found the danger', () => {
    const scorer = (text: string) =>
      text.includes('倒下')
        ? { urgency: 'urgent' as const, hazard: 'injury' as const, at: -1, end: -1, by: 'scorer' as const }
        : { urgency: 'normal' as const, hazard: null, at: -1, end: -1 };
    const raised = answerToClassification(
      answer(null, { category: 'other', urgency: 'normal', isComplaint: false }),
      '我爸在厕所里倒下了，喊他不答应',
      meta,
      scorer,
    );
    expect(raised).toMatchObject({ urgency: 'urgent', hazard: 'injury', urgencyRaised: 'scorer', isComplaint: true });
    // Given a decision, that decision is the whole offline side: it said normal, so the rules are not asked again.
    expect(answerToClassification(answer(null), '电梯有点响', meta, scorer)).toMatchObject({ urgency: 'normal' });
    expect(answerToClassification(answer(null), '电梯有点响', meta, scorer).urgencyRaised).toBeUndefined();
  });

  it("keeps the model's urgency and hazard where the rules see nothing, and a look-alike normal", () => {
    const urgent = answerToClassification(
      answer(null, { urgency: 'urgent', hazard: 'injury' }),
      '阿婆喺平台唔舒服，成身冒冷汗',
      meta,
    );
    expect(urgent).toMatchObject({ urgency: 'urgent', hazard: 'injury' });
    expect(urgent.urgencyRaised).toBeUndefined();
    expect(answerToClassification(answer(null, { urgency: 'urgent' }), 'something bad', meta).hazard).toBe('other');
    const normal = answerToClassification(
      answer(null, { urgency: 'normal', hazard: null }),
      '上个月电梯困过人，希望检修',
      meta,
    );
    expect(normal.urgency).toBe('normal');
    expect(normal.hazard).toBeUndefined();
  });

  it('trusts the characters over the model on Chinese versus English', () => {
    expect(answerToClassification(answer(null, { language: 'zh-CN' }), 'no water since yesterday', meta).language).toBe(
      'en',
    );
    expect(answerToClassification(answer(null, { language: 'zh-TW' }), '停水一天了', meta).language).toBe('zh-TW');
  });
});

describe('the classify-complaint prompt', () => {
  it('has a version, few-shot examples in zh-CN, zh-TW and English that fit the schema, and the category boundaries', async () => {
    const prompt = await loadComplaintPrompt();
    expect(prompt.version).toMatch(/^classify-complaint\/\d+/);
    const messages = prompt.messages('测试', 'json_schema');
    expect(messages[0]?.role).toBe('system');
    expect(messages.at(-1)).toEqual({ role: 'user', content: '测试' });
    const languages = messages
      .filter((m) => m.role === 'assistant')
      .map((m) => (JSON.parse(m.content) as { language: string }).language);
    expect(new Set(languages)).toEqual(new Set(['zh-CN', 'zh-TW', 'en']));
    for (const key of ['greening', 'water_supply', 'security', 'upkeep', 'other'])
      expect(messages[0]?.content).toContain(`\`${key}\``);
    expect(messages[0]?.content).not.toContain('{{schema}}');
  });

  it('puts the JSON Schema in the system message only for json_object', async () => {
    const prompt = await loadComplaintPrompt();
    const system = prompt.messages('x', 'json_object')[0]?.content ?? '';
    expect(system).toContain(
      '"required":["isComplaint","category","urgency","hazard","summary","place","language","confidence"]',
    );
    expect(system).toMatch(/JSON/);
  });
});

describe('loadComplaintPrompt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linli-prompt-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const example = (answer: unknown) =>
    `## example: one\n\n\`\`\`text\n停水\n\`\`\`\n\n\`\`\`json\n${JSON.stringify(answer)}\n\`\`\`\n`;
  const body = '## system\n\nSort.\n\n## json-object\n\n{{schema}}\n\n';

  it('refuses a prompt without a version line, naming the file', async () => {
    const path = write('no-version.md', `# x\n\n${body}${example(GOOD_ANSWER)}`);
    await expect(loadComplaintPrompt(path)).rejects.toThrow(`${path}: has no "version: …" line`);
  });

  it('refuses an example whose answer the code would reject', async () => {
    const path = write('bad-example.md', `version: t/1\n\n${body}${example({ ...GOOD_ANSWER, category: 'lifts' })}`);
    await expect(loadComplaintPrompt(path)).rejects.toThrow(
      /"## example: one": the answer does not fit the schema: category/,
    );
  });

  it('reads a minimal prompt', async () => {
    const prompt = await loadComplaintPrompt(write('ok.md', `version: t/1\n\n${body}${example(GOOD_ANSWER)}`));
    expect(prompt.version).toBe('t/1');
    expect(prompt.messages('x', 'json_schema')).toHaveLength(4);
  });
});
