import { beforeAll, describe, expect, it } from 'vitest';
import { loadOfflineClassifier, OfflineClassifier } from '../../src/classify/offline-classifier.ts';

let classifier: OfflineClassifier;
beforeAll(async () => {
  classifier = await loadOfflineClassifier();
});

describe('OfflineClassifier', () => {
  it('classifies the three languages', async () => {
    expect(await classifier.classify('3号楼2单元停水一天了')).toMatchObject({
      category: 'water_supply',
      isComplaint: true,
      language: 'zh-CN',
      source: 'offline',
    });
    expect(await classifier.classify('中心花園的樹好久沒修剪了')).toMatchObject({
      category: 'greening',
      language: 'zh-TW',
    });
    expect(await classifier.classify('Someone keeps charging an e-bike in the corridor of block C')).toMatchObject({
      category: 'security',
      language: 'en',
    });
  });

  it('follows the DESIGN §3 boundaries on a few typical cases', () => {
    const table: ReadonlyArray<[string, string]> = [
      ['水表一直在转，家里没开水龙头', 'water_supply'],
      ['楼上马桶堵了，污水从地漏冒出来', 'upkeep'],
      ['下雨天顶楼天花板漏雨', 'upkeep'],
      ['消防通道被私家车堵死了', 'security'],
      ['有人遛狗不拴绳，差点咬到小孩', 'security'],
      ['物业费为什么又涨了', 'other'],
      ['楼上每天半夜跺脚，吵得睡不着', 'other'],
      ['暖气一点都不热', 'other'],
      ['绿化带被人占了种菜', 'greening'],
    ];
    for (const [text, category] of table) expect(classifier.classifySync(text).category, text).toBe(category);
  });

  it('recognises greetings, thanks and questions about the bot as not complaints', () => {
    for (const text of ['你好', '谢谢你们！', '你是机器人吗', 'Thank you so much!', 'hi', '早上好', '這個要怎麼用？']) {
      expect(classifier.classifySync(text).isComplaint, text).toBe(false);
    }
    for (const text of ['电梯坏了', 'No water since this morning', '路燈不亮']) {
      expect(classifier.classifySync(text).isComplaint, text).toBe(true);
    }
  });

  it("reads a unit's access control (2单元门禁) as security and the unit's door (2单元门) as upkeep", () => {
    expect(classifier.classifySync('3号楼2单元门禁坏了，我叫李建国').category).toBe('security');
    expect(classifier.classifySync('3号楼2单元门坏了').category).toBe('upkeep');
  });

  it('takes broken playground equipment for a complaint, where a letter of thanks names the playground too', () => {
    // A praise letter in train/letters-not-complaint.tsv mentions 儿童乐园; short reports of the place
    // must not become chatter because of it.
    for (const text of [
      '儿童乐园的秋千坏了',
      '儿童乐园的秋千链子断了',
      '小区里的秋千坏了',
      'The playground swing is broken',
    ]) {
      expect(classifier.classifySync(text), text).toMatchObject({ isComplaint: true, category: 'upkeep' });
    }
  });

  it('treats an urgent situation as a complaint even when it is polite', () => {
    expect(classifier.classifySync('你好，5栋电梯困人了，谢谢').isComplaint).toBe(true);
  });

  it('takes a short message whole as its summary, on one line', () => {
    const table: ReadonlyArray<[string, string]> = [
      ['5号楼地下室水管漏水了，到处是水', '5号楼地下室水管漏水了，到处是水'],
      ['小区着火了，7号楼冒烟', '小区着火了，7号楼冒烟'],
      ['楼道灯坏了，还有今天3栋水管爆了到处是水！', '楼道灯坏了，还有今天3栋水管爆了到处是水！'],
      [
        'My phone is 13812345678 —  the lift in\nblock B is stuck again',
        'My phone is 13812345678 — the lift in block B is stuck again',
      ],
    ];
    for (const [text, summary] of table) expect(classifier.classifySync(text).summary, text).toBe(summary);
  });

  it('lets the main problem decide and keeps the others in the summary', () => {
    const result = classifier.classifySync(
      '3号楼从昨天早上开始停水一天了，家里老人小孩都没法洗漱做饭，打物业电话也一直没人接，到现在都没有任何通知说什么时候来水，另外楼道灯也坏了好几天，晚上上下楼黑漆漆的很不安全',
    );
    expect(result.category).toBe('water_supply');
    expect(result.summary).toContain('停水');
    expect(result.summary).toContain('另：');
    expect(result.summary).toContain('楼道灯');
    const english = classifier.classifySync(
      'The lift in building 9 has been broken for a week. Also, the rubbish bins near the east gate are overflowing.',
    );
    expect(english.category).toBe('upkeep');
    expect(english.summary).toMatch(/lift/);
    expect(english.summary.split('\n')).toHaveLength(1);
  });

  it('takes an urgent problem as the main one, wherever it comes in the message', () => {
    const result = classifier.classifySync(
      '楼道灯坏了好几个星期了，晚上上下楼黑漆漆的，老人走路很不方便，物业说要等配件一直拖着，' +
        '我们已经打了很多次电话反映过这个事情，还有今天3栋水管爆了到处是水！赶紧派人来！',
    );
    expect(result).toMatchObject({ category: 'water_supply', urgency: 'urgent', place: { building: '3' } });
    expect(result.summary).toBe('今天3栋水管爆了到处是水；另：楼道灯坏了好几个星期了');
    expect(classifier.classifySync('電梯又壞了，困住兩個人').summary).toBe('電梯又壞了，困住兩個人');
  });

  it('is not swayed by the salutation and sign-off of a long petition', () => {
    const petition =
      '尊敬的物业公司领导：您好！我是本小区8号楼2单元的业主。近一个月来，我单元自来水经常在早晚高峰时段水压很低，' +
      '五楼以上几乎没有水，烧热水器都打不着火，家里老人洗澡非常不便。我们多次打电话到物业，答复说是二次供水水泵老化，' +
      '但至今没有人来维修。恳请物业尽快检修水泵、恢复正常供水，并给我们一个明确的答复。此致 敬礼！8号楼2单元全体业主';
    const result = classifier.classifySync(petition);
    expect(result.category).toBe('water_supply');
    expect(result.place).toMatchObject({ building: '8', unit: '2' });
    expect(result.summary.length).toBeLessThan(80);
  });

  it('gives a confidence between 0 and 1 and reports its latency', () => {
    const result = classifier.classifySync('电梯坏了');
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('honours an aborted signal', async () => {
    await expect(classifier.classify('电梯坏了', { signal: AbortSignal.abort() })).rejects.toThrow();
  });
});

describe('loadOfflineClassifier', () => {
  it('refuses to learn from held-out data', async () => {
    await expect(loadOfflineClassifier({ trainDir: 'corpus/heldout' })).rejects.toThrow(/held-out/);
  });

  it('says where it looked when there is no training data', async () => {
    await expect(loadOfflineClassifier({ trainDir: '/nonexistent/corpus/train' })).rejects.toThrow(/corpus\/train/);
  });
});
