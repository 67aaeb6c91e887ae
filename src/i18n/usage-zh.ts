import type { UsageTexts } from './types';

/** 各子命令的格式与示例。命令关键词保留英文（中文工作类型、星期同样可用）。 */
export const usageZh: UsageTexts = {
  help: {
    forms: [{ syntax: '/dudao help [<命令>]', what: '查看全部命令，或某条命令的详细用法' }],
    examples: ['/dudao help log'],
  },
  setup: {
    forms: [
      {
        syntax: '/dudao setup <指导组名称> [tz=<时区>] [lang=zh|en] [posts=new|thread] [mention=on|off]',
        what: '将本频道设为新指导组的工作频道，你将担任组长',
      },
      {
        syntax: '/dudao setup [<新名称>] [tz=…] [lang=…] [发帖=新消息|线程] [提及=开|关]',
        what: '在指导组频道中（组长或副组长）：修改名称或选项，不带参数则查看当前设置。发帖=线程（posts=thread）：周例会提醒和每周简报在本周首条帖子的线程中回复；提及=关（mention=off）：只写联络员姓名，不发通知',
      },
    ],
    examples: ['/dudao setup "第十四指导组" tz=Asia/Shanghai lang=zh', '/dudao setup 发帖=线程 提及=关'],
  },
  member: {
    forms: [
      {
        syntax: '/dudao member add <@成员>… [role=leader|deputy|member]',
        what: '添加成员或调整角色（leader 组长、deputy 副组长、member 组员，默认为组员）',
      },
      { syntax: '/dudao member remove <@成员>', what: '将成员移出指导组，并解除其联络员职责' },
    ],
    examples: ['/dudao member add @王伟 @李娜 role=deputy', '/dudao member remove @赵强'],
  },
  unit: {
    forms: [
      {
        syntax: '/dudao unit add <单位名称> [key=<简称>] [kind=<类别>] [liaison=<@联络员>…]',
        what: '添加联系单位',
      },
      { syntax: '/dudao unit list', what: '查看联系单位及其简称、联络员' },
      {
        syntax: '/dudao unit import',
        what: '批量导入：在表单中每行粘贴一个单位（名称，简称，类别，@联络员……），全部导入或全部不导入',
      },
      {
        syntax: '/dudao unit edit <单位> [name=…] [kind=…] [liaison=<@联络员>…]',
        what: '修改单位名称、类别或联络员',
      },
      { syntax: '/dudao unit archive <单位>', what: '归档单位，不再跟踪，历史记录保留' },
    ],
    examples: [
      '/dudao unit add "商务部" key=moc kind=部委 liaison=@王伟',
      '/dudao unit edit moc liaison=@王伟 @李娜',
      '/dudao unit archive moc',
    ],
  },
  log: {
    forms: [
      { syntax: '/dudao log', what: '打开记录表单' },
      {
        syntax: '/dudao log <类型> <单位> [YYYY-MM-DD] [n=<人数>] [备注…]',
        what: '一行记录一次工作；日期默认为今天，n 为访谈人数或场次',
      },
    ],
    examples: [
      '/dudao log 个别访谈 moc 2026-11-20 n=3 与副部长谈话',
      '/dudao log 审阅方案 moc 实施方案缺少时间表',
    ],
  },
  undo: {
    forms: [{ syntax: '/dudao undo', what: '撤销你自己最近的一条记录（15 分钟内）' }],
    examples: ['/dudao undo'],
  },
  status: {
    forms: [
      { syntax: '/dudao status', what: '各联系单位工作情况一览，超期未联系的单位排在前面' },
      { syntax: '/dudao status <单位>', what: '某个单位的近期工作记录和未整改问题' },
    ],
    examples: ['/dudao status', '/dudao status moc'],
  },
  finding: {
    forms: [
      {
        syntax:
          '/dudao finding add <单位> <问题描述> [due=YYYY-MM-DD] [owner=@负责人] [severity=low|medium|high]',
        what: '记录发现的问题，可设整改期限、负责人和严重程度；未指定负责人时由该单位第一位联络员负责',
      },
      {
        syntax: '/dudao finding list [<单位>] [open|overdue|waiting|closed|all]',
        what: '问题清单：未关闭的问题按紧急程度排列；也可只看逾期、待验收或已关闭的',
      },
      { syntax: '/dudao finding show <编号>', what: '查看问题及其整改全过程' },
      { syntax: '/dudao finding plan <编号> <整改方案…>', what: '负责人提交整改方案' },
      {
        syntax: '/dudao finding done <编号> [说明…]',
        what: '标记整改完成，等待验收（由组长、副组长或问题提出人验收）',
      },
      {
        syntax: '/dudao finding verify <编号> [说明…]',
        what: '验收通过，问题关闭；标记整改完成的本人不能验收',
      },
      { syntax: '/dudao finding reopen <编号> <原因…>', what: '退回重新整改' },
      { syntax: '/dudao finding due <编号> YYYY-MM-DD <原因…>', what: '调整整改期限，原期限保留在记录中' },
    ],
    examples: [
      '/dudao finding add moc 实施方案缺少时间表 due=2026-12-15 owner=@李 severity=high',
      '/dudao finding plan 12 本周五前会同副组长修订方案',
      '/dudao finding done 12 已补充时间表',
      '/dudao finding verify 12',
    ],
  },
  meeting: {
    forms: [
      {
        syntax: '/dudao meeting <星期> <HH:mm> [remind=<分钟>]',
        what: '设置周例会，会前发送自动生成的议程（默认提前 60 分钟）',
      },
      { syntax: '/dudao meeting skip [YYYY-MM-DD]', what: '跳过下一次（或指定日期的）周例会' },
      { syntax: '/dudao meeting off', what: '停止周例会提醒' },
    ],
    examples: ['/dudao meeting 周一 09:30 remind=60', '/dudao meeting skip 2026-12-28'],
  },
  digest: {
    forms: [
      { syntax: '/dudao digest <星期> <HH:mm>', what: '每周定时向本频道发送工作简报' },
      { syntax: '/dudao digest off', what: '停止每周简报' },
      { syntax: '/dudao digest now', what: '立即发送本周简报' },
    ],
    examples: ['/dudao digest 周五 17:00'],
  },
  remind: {
    forms: [
      {
        syntax: '/dudao remind now',
        what: '立即发送议程（针对下一次周例会；未设例会时为本周以来的工作），并提醒未联系单位的联络员',
      },
    ],
    examples: ['/dudao remind now'],
  },
  coverage: {
    forms: [{ syntax: '/dudao coverage <天数>', what: '单位超过多少天未联系即视为超期（默认 7 天）' }],
    examples: ['/dudao coverage 10'],
  },
  export: {
    forms: [
      {
        syntax: '/dudao export [from=YYYY-MM-DD] [to=YYYY-MM-DD]',
        what: '导出工作记录和问题清单（CSV 文件）',
      },
    ],
    examples: ['/dudao export from=2026-09-01 to=2026-11-30'],
  },
};
