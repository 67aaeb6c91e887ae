import type { Lang } from '../domain/types';

/** The words of the install pages: "Add to Slack" at /slack/install and what follows the approval. */
export interface InstallWords {
  title: string;
  addIntro: string;
  addButton: string;
  /** `{where}`: the workspace (or organisation) name. */
  doneTitle: string;
  doneWhere: string;
  doneOrgWhere: string;
  /** What to do next; `code` between backticks. */
  nextSteps: string[];
  failedTitle: string;
  /** The title when the link (its state) is the trouble, whatever came of it before. */
  linkTitle: string;
  cancelled: string;
  badState: string;
  noCode: string;
  /** `{error}`: Slack's error code. */
  refused: string;
  unknown: string;
  again: string;
}

const en: InstallWords = {
  title: 'dudao',
  addIntro:
    'dudao keeps an oversight team’s picture: who was seen, which units are covered, what was found and fixed. Add it to your Slack workspace to start.',
  addButton: 'Add to Slack',
  doneTitle: 'dudao is installed',
  doneWhere: 'dudao is now in the workspace {where}.',
  doneOrgWhere:
    'dudao is now installed for the whole organisation {where}; each workspace’s admins choose where it appears.',
  nextSteps: [
    'Open the channel of your group (a guidance group, an audit or inspection team). In a private channel, first add @dudao to it.',
    'Type `/dudao setup <group name>`: the channel becomes the group and you lead it.',
    'Then `/dudao member add @someone` and `/dudao unit add <unit name>`; `/dudao help` lists everything.',
  ],
  failedTitle: 'dudao was not installed',
  linkTitle: 'This install link no longer works',
  cancelled: 'The installation was cancelled in Slack. Nothing was installed.',
  badState:
    'It has expired or was already used: a link works once, for 10 minutes, in the browser that opened it. If it was just used to install dudao, dudao is installed and nothing more is needed; otherwise start again.',
  noCode: 'Slack did not send the approval this page needs.',
  refused: 'Slack refused the installation ({error}). Check the app’s settings, then try again.',
  unknown: 'Something went wrong while finishing the installation. Nothing was half-installed; try again.',
  again: 'Start again',
};

const zh: InstallWords = {
  title: '督导 dudao',
  addIntro:
    'dudao 帮督导组掌握全局：联系了谁、哪些单位已覆盖、发现了什么问题、整改得怎样。把它添加到你的 Slack 工作区即可开始。',
  addButton: '添加到 Slack',
  doneTitle: 'dudao 已安装',
  doneWhere: 'dudao 已添加到工作区 {where}。',
  doneOrgWhere: 'dudao 已为整个组织 {where} 安装；各工作区的管理员可选择在哪里使用。',
  nextSteps: [
    '打开督导组（指导组、审计组或巡查组）的频道。如果是私有频道，请先把 @dudao 加入频道。',
    '输入 `/dudao setup <组名>`：该频道即成为督导组，你是组长。',
    '然后用 `/dudao member add @成员` 和 `/dudao unit add <单位名称>`；`/dudao help` 列出全部命令。',
  ],
  failedTitle: 'dudao 未能安装',
  linkTitle: '这个安装链接已失效',
  cancelled: '你在 Slack 中取消了安装，没有安装任何内容。',
  badState:
    '链接已过期或已被使用：链接只能在打开它的浏览器中使用一次，有效期 10 分钟。如果刚刚已用它安装了 dudao，安装已经完成，无需再做什么；否则请重新开始。',
  noCode: 'Slack 没有传回本页面需要的授权码。',
  refused: 'Slack 拒绝了这次安装（{error}）。请检查应用设置后重试。',
  unknown: '完成安装时出了问题，没有留下安装了一半的内容，请重试。',
  again: '重新开始',
};

export function installWords(lang: Lang): InstallWords {
  return lang === 'zh' ? zh : en;
}
