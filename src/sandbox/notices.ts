/** What the workspace itself says (as Slack's client and Slackbot do), in the reader's language. */
export interface WorkspaceText {
  unknownCommand(command: string): string;
  commandFailed(command: string, error: string): string;
  actionFailed(error: string): string;
  viewTrouble: string;
  readOnlyApp: string;
  required: string;
  wholeNumber: string;
  numberBetween(min: string, max: string): string;
  atLeast(n: number): string;
  atMost(n: number): string;
  atMostFiles(n: number): string;
  fileTooLarge(mb: number): string;
}

const EN: WorkspaceText = {
  unknownCommand: (c) =>
    `${c} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`,
  commandFailed: (c, e) => `${c} failed with the error "${e}"`,
  actionFailed: (e) => `The app did not respond to that action ("${e}"). Try again in a moment.`,
  viewTrouble: 'We had some trouble connecting. Try again?',
  readOnlyApp:
    'Sending messages to this app has been turned off. Slash commands such as /dudao still work here.',
  required: 'Please complete this required field.',
  wholeNumber: 'Please enter a whole number.',
  numberBetween: (min, max) => `Please enter a number between ${min} and ${max}.`,
  atLeast: (n) => `Please enter at least ${n} characters.`,
  atMost: (n) => `Please enter no more than ${n} characters.`,
  atMostFiles: (n) => `You can upload up to ${n} ${n === 1 ? 'file' : 'files'}.`,
  fileTooLarge: (mb) => `Files can be up to ${mb} MB.`,
};

const ZH: WorkspaceText = {
  unknownCommand: (c) => `${c} 不是有效的命令。在 Slack 中，所有以“/”开头的消息都会被当作命令。`,
  commandFailed: (c, e) => `${c} 失败，错误为“${e}”`,
  actionFailed: (e) => `应用没有响应这个操作（“${e}”）。请稍后再试。`,
  viewTrouble: '连接时出了点问题。要重试吗？',
  readOnlyApp: '已关闭向此应用发送消息。/dudao 等斜杠命令在这里仍可使用。',
  required: '请填写此必填字段。',
  wholeNumber: '请输入整数。',
  numberBetween: (min, max) => `请输入 ${min} 到 ${max} 之间的数字。`,
  atLeast: (n) => `请至少输入 ${n} 个字符。`,
  atMost: (n) => `最多输入 ${n} 个字符。`,
  atMostFiles: (n) => `最多可上传 ${n} 个文件。`,
  fileTooLarge: (mb) => `文件不能超过 ${mb} MB。`,
};

export function workspaceText(lang: 'en' | 'zh'): WorkspaceText {
  return lang === 'zh' ? ZH : EN;
}
