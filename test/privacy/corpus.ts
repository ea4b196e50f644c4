/*
 * Personal details in the many forms residents write them, in zh-CN, zh-TW and English, each inside a
 * realistic complaint. Every complaint names its own building (a different one each, so none joins
 * another as a duplicate) or a public spot, which staff must still see.
 *
 * `secrets`: substrings that must never reach anyone but the author.
 * `phones`: the digits of each phone number, which must not appear in a rendering even once its
 * separators are taken out.
 * `keep`: what must survive masking (the building or spot, the problem).
 */

export interface CorpusEntry {
  locale: 'zh-CN' | 'zh-TW' | 'en';
  text: string;
  secrets: string[];
  phones?: string[];
  keep: string[];
}

export const CORPUS: readonly CorpusEntry[] = [
  // Phones: plain, spaced, dashed, dotted, full-width, Chinese numerals, international.
  {
    locale: 'zh-CN',
    text: '1号楼电梯坏了，困了半天，我叫李建国，电话13912345678',
    secrets: ['李建国', '13912345678'],
    phones: ['13912345678'],
    keep: ['1号楼', '电梯'],
  },
  {
    locale: 'zh-CN',
    text: '2号楼门口的路灯不亮，手机 139 1234 5679 王先生',
    secrets: ['139 1234 5679', '王先生'],
    phones: ['13912345679'],
    keep: ['2号楼', '路灯'],
  },
  {
    locale: 'zh-CN',
    text: '4号楼水管爆了，快来人，联系138-0013-8001',
    secrets: ['138-0013-8001'],
    phones: ['13800138001'],
    keep: ['4号楼', '水管'],
  },
  {
    locale: 'zh-CN',
    text: '6号楼楼道垃圾没人清，打我电话138.0013.8002',
    secrets: ['138.0013.8002'],
    phones: ['13800138002'],
    keep: ['6号楼', '垃圾'],
  },
  {
    locale: 'zh-CN',
    text: '8号楼停水了，电话：１３８００１３８００３，张阿姨',
    secrets: ['１３８００１３８００３', '张阿姨'],
    phones: ['13800138003'],
    keep: ['8号楼', '停水'],
  },
  {
    locale: 'zh-CN',
    text: '9号楼电梯门关不上，我的手机是一三八零零一三八零零四',
    secrets: ['一三八零零一三八零零四'],
    phones: ['13800138004'],
    keep: ['9号楼', '电梯'],
  },
  {
    locale: 'zh-CN',
    text: '10号楼天台漏水，回电幺三八 零零一三 八零零五',
    secrets: ['幺三八 零零一三 八零零五'],
    phones: ['13800138005'],
    keep: ['10号楼', '漏水'],
  },
  {
    locale: 'zh-CN',
    text: '11号楼门禁坏了，+86 138 0013 8006 刘女士',
    secrets: ['138 0013 8006', '刘女士'],
    phones: ['13800138006'],
    keep: ['11号楼', '门禁'],
  },
  {
    locale: 'zh-CN',
    text: '12号楼地下室积水，座机010-62345678找陈先生',
    secrets: ['010-62345678', '62345678', '陈先生'],
    phones: ['01062345678'],
    keep: ['12号楼', '积水'],
  },
  {
    locale: 'zh-CN',
    text: '14号楼的绿化带被占，座机（0755）8888 6666',
    secrets: ['8888 6666', '0755'],
    phones: ['075588886666'],
    keep: ['14号楼', '绿化'],
  },
  // IDs, e-mails, QQ, WeChat.
  {
    locale: 'zh-CN',
    text: '15号楼有人乱停车挡消防通道，本人张伟，身份证号11010519491231002X',
    secrets: ['张伟', '11010519491231002X', '19491231'],
    keep: ['15号楼', '消防通道'],
  },
  {
    locale: 'zh-CN',
    text: '16号楼电梯异响，邮箱：zhangwei88@qq.com，QQ 12345678',
    secrets: ['zhangwei88', '@qq.com', '12345678'],
    keep: ['16号楼', '电梯'],
  },
  {
    locale: 'zh-CN',
    text: '17号楼楼道灯坏了，有事加我微信号 abc_123 或者扣扣：87654321',
    secrets: ['abc_123', '87654321'],
    keep: ['17号楼', '楼道灯'],
  },
  {
    locale: 'zh-CN',
    text: '18号楼漏水严重，vx: wang_li88，q号 7654321',
    secrets: ['wang_li88', '7654321'],
    keep: ['18号楼', '漏水'],
  },
  {
    locale: 'zh-CN',
    text: '19号楼噪音扰民，威信 lijianguo1990 随时联系',
    secrets: ['lijianguo1990'],
    keep: ['19号楼', '噪音'],
  },
  // Flats and rooms.
  { locale: 'zh-CN', text: '20号楼3-1202卫生间下水道堵了', secrets: ['3-1202', '1202'], keep: ['20号楼', '下水道'] },
  { locale: 'zh-CN', text: '21栋1单元502室停电了，楼上也没电', secrets: ['1单元', '502'], keep: ['21', '停电'] },
  { locale: 'zh-CN', text: '22号楼2单元1201楼上漏水到我家', secrets: ['2单元', '1201'], keep: ['22号楼', '漏水'] },
  { locale: 'zh-CN', text: '23号楼1403房的空调外机滴水到楼下', secrets: ['1403'], keep: ['23号楼', '空调'] },
  { locale: 'zh-CN', text: '24号楼12层1704住户装修噪音太大，门牌号1704', secrets: ['1704'], keep: ['24号楼', '装修'] },
  // Street addresses.
  {
    locale: 'zh-CN',
    text: '25号楼外墙瓷砖掉落，我家在中山路188号，楼下的赵大爷差点被砸',
    secrets: ['188号', '赵大爷'],
    keep: ['25号楼', '瓷砖'],
  },
  // Self-introductions and names with titles.
  { locale: 'zh-CN', text: '26号楼电梯按钮失灵，我是王秀英，住26号楼', secrets: ['王秀英'], keep: ['26号楼', '电梯'] },
  {
    locale: 'zh-CN',
    text: '27号楼门口堆满杂物，姓名：欧阳娜娜，请处理',
    secrets: ['欧阳娜娜'],
    keep: ['27号楼', '杂物'],
  },
  // zh-TW.
  {
    locale: 'zh-TW',
    text: '28號樓電梯故障，我是陳小姐，手機 0912-345-678',
    secrets: ['陳小姐', '0912-345-678', '345-678'],
    phones: ['0912345678'],
    keep: ['28號樓', '電梯'],
  },
  {
    locale: 'zh-TW',
    text: '29號樓水管破了，請聯絡 +886 912 345 679 林先生',
    secrets: ['912 345 679', '林先生'],
    phones: ['912345679'],
    keep: ['29號樓', '水管'],
  },
  {
    locale: 'zh-TW',
    text: '30號樓停電，身分證A123456789，家住台北市中正區重慶南路一段122號5樓',
    secrets: ['A123456789', '122號', '5樓'],
    keep: ['30號樓', '停電'],
  },
  {
    locale: 'zh-TW',
    text: '31號樓3F-2的燈壞了，市話02-2345-6789，LINE ID: chen_0301',
    secrets: ['3F-2', '02-2345-6789', 'chen_0301'],
    phones: ['0223456789'],
    keep: ['31號樓', '燈'],
  },
  {
    locale: 'zh-TW',
    text: '32號樓垃圾沒人收，本人黃大明，電郵huang.dm@gmail.com',
    secrets: ['黃大明', 'huang.dm', 'gmail.com'],
    keep: ['32號樓', '垃圾'],
  },
  {
    locale: 'zh-TW',
    text: '33號樓漏水，住12樓之3，聯絡人李太太',
    secrets: ['12樓之3', '李太太'],
    keep: ['33號樓', '漏水'],
  },
  {
    locale: 'zh-TW',
    text: '34號樓升降機壞咗，陳生話好急，電話 +852 9123 4567，彌敦道88號',
    secrets: ['陳生', '9123 4567', '88號'],
    phones: ['91234567'],
    keep: ['34號樓', '升降機'],
  },
  {
    locale: 'zh-TW',
    text: '35號樓走廊燈唔著，香港身份證 A123456(7)，WhatsApp 6123 4567',
    secrets: ['A123456(7)', '6123 4567'],
    phones: ['61234567'],
    keep: ['35號樓', '走廊'],
  },
  // English.
  {
    locale: 'en',
    text: 'Building 36: the lift is broken again. My name is Peter Chan, flat 12B, call me on +852 9876 5432',
    secrets: ['Peter', 'Chan', '12B', '9876 5432'],
    phones: ['98765432'],
    keep: ['36', 'lift'],
  },
  {
    locale: 'en',
    text: 'Building 37 water leak from Rm 1203, please contact Mrs Wong at wong.family@example.com',
    secrets: ['1203', 'Wong', 'wong.family', 'example.com'],
    keep: ['37', 'leak'],
  },
  {
    locale: 'en',
    text: 'Building 38 corridor light is out on 12/F Flat B. I am Mary Lee, phone 2345 6789, I live at 123 Nathan Road',
    secrets: ['Mary', 'Lee', '2345 6789', '123 Nathan'],
    phones: ['23456789'],
    keep: ['38', 'light'],
  },
  {
    locale: 'en',
    text: 'Building 39: rubbish not collected for days. WeChat: chan_tm88, HKID Z987654(3)',
    secrets: ['chan_tm88', 'Z987654(3)'],
    keep: ['39', 'rubbish'],
  },
  // Bare names: whom to ask for, who said it, a name after where one lives.
  { locale: 'zh-CN', text: '60号楼电梯坏了，有事找张三', secrets: ['张三'], keep: ['60号楼', '电梯', '有事找'] },
  { locale: 'zh-CN', text: '61号楼停水了，联系人：李四', secrets: ['李四'], keep: ['61号楼', '停水'] },
  {
    locale: 'zh-CN',
    text: '62号楼垃圾没人收，王芳说物业一周没来了',
    secrets: ['王芳'],
    keep: ['62号楼', '垃圾', '说物业一周没来了'],
  },
  { locale: 'zh-CN', text: '63号楼漏水，我是301的张伟', secrets: ['301', '张伟'], keep: ['63号楼', '漏水'] },
  {
    locale: 'zh-TW',
    text: '67號樓停電一整天了，冰箱都壞了，我是12樓的陳大文',
    secrets: ['陳大文'],
    keep: ['67號樓', '停電'],
  },
  { locale: 'zh-TW', text: '68號樓漏水，有事請聯絡林美玲', secrets: ['林美玲'], keep: ['68號樓', '漏水'] },
  // Bare numbers that are flats by their words: where one lives, what belongs to a flat.
  { locale: 'zh-CN', text: '64栋的路灯坏了，我住在802', secrets: ['802'], keep: ['64栋', '路灯'] },
  { locale: 'zh-CN', text: '65号楼802的阳台漏水到楼下', secrets: ['802'], keep: ['65号楼', '阳台漏水'] },
  { locale: 'zh-CN', text: '66号楼1604业主说楼道堆满杂物', secrets: ['1604'], keep: ['66号楼', '杂物'] },
  { locale: 'zh-CN', text: '70号楼5单元3户的门口漏水', secrets: ['3户', '5单元'], keep: ['70号楼', '漏水'] },
  { locale: 'zh-CN', text: '71号楼1单元302门口堆满了纸箱', secrets: ['302', '1单元'], keep: ['71号楼', '纸箱'] },
  { locale: 'en', text: 'Building 69: the lift is stuck again, I live in 802', secrets: ['802'], keep: ['69', 'lift'] },
];

/**
 * What is no one's personal detail and must come through masking as written: durations, money,
 * dates, times, buildings and spots, emergency numbers, counts.
 */
export const NOT_PERSONAL: readonly string[] = [
  '3号楼电梯坏了',
  '3号楼门口',
  '7號樓中庭花園',
  '东门的垃圾站满了',
  '中心花园的路灯不亮',
  '停水3天了',
  '等了2个小时还没人来',
  '物业费2.5元/平方',
  '修一次要300元',
  '花了1200元',
  '从12月5号开始',
  '2026-12-03 10:30 停电',
  '2026年12月3日',
  '晚上8点半',
  '電梯困人要打96333',
  '着火了打119',
  '急救120，报警110',
  '打了12345热线',
  '100多户停水',
  '3楼的灯坏了',
  '2号线地铁站旁边',
  '电梯停了2次',
  '维修师傅已经出发',
  '保洁阿姨很辛苦',
  'the lift in Block B has been broken for 3 days',
  'it costs $300 to fix',
  'since 2024 nobody fixed it',
  'water cut from 10:30 to 14:00',
  'Building 3, east gate',
  // Numbers that are no flat: serials, years, prices, counts (a flat's number needs a flat's words).
  '电梯编号2024',
  '电梯编号2024的年检贴纸掉了',
  '2024年',
  '300元',
  '物业电话打了800遍',
  '编号3021的路灯坏了',
  '这栋楼有120户人家',
  '今年的物业费涨到3500了',
  '小区有1200多棵树',
  'There are 300 parking spaces',
  'the 2024 budget',
  // Words that start with a surname but are no one's name.
  '联系方式写在公告栏',
  '请找周边的人问问',
  '高层说下周修',
  '林业局说不归他们管',
  '物业说明天来',
  '保安说门禁卡要重新办',
  '请联系物业',
  '有事找管家',
  '我是3号楼的，电梯坏了',
  '我是楼上的住户',
];
