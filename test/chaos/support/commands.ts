import { randomBytes } from 'node:crypto';
import type { SlackStandIn } from '../../../src/sandbox/slack-stand-in';
import { sign, slashCommandBody } from '../../support/signing';
import { allText } from '../../support/slack-text';
import { sleep } from './processes';
import type { GroupPlan } from './world';

/** What a write command should have created, to be looked up in the store at the end. */
export type Write =
  | { kind: 'group' }
  | { kind: 'member'; users: string[] }
  | { kind: 'unit'; key: string }
  | { kind: 'log'; token: string; unit: string; user: string }
  | { kind: 'finding'; token: string; unit: string };

/**
 * How a command was answered: `ok` (the acknowledgement, or the answer that followed through
 * response_url, starts with the check mark: it says the thing was done), `answered` (a read, such
 * as `status`, got its answer), `refused` (a write got a user error: too soon, slow down, a
 * duplicate), `fault` (the apology for an error on our side), `silent` (HTTP 200 with an empty
 * acknowledgement and nothing after it), `error` (no HTTP 200: a refused signature, a process
 * gone, a timeout), `pending` (the acknowledgement said "working on it" and no answer has come
 * through response_url yet).
 */
export type Outcome = 'ok' | 'answered' | 'refused' | 'fault' | 'silent' | 'error' | 'pending';

export interface Sent {
  group: GroupPlan;
  user: string;
  text: string;
  write: Write | null;
  responseId: string;
  /** The acknowledgements' first lines (two when the request was delivered twice). */
  acks: string[];
  /** The acknowledgements' whole text, every line. */
  ackTexts: string[];
  /** Each delivery's HTTP status, 0 when no answer came (a process gone, a timeout). */
  statuses: number[];
}

/** The first line a person reads: the first section's text, else the message text. */
function firstLine(body: unknown): string {
  const b = body as { text?: unknown; blocks?: { text?: { text?: unknown } }[] } | null;
  const section = b?.blocks?.[0]?.text?.text;
  if (typeof section === 'string') return section;
  return typeof b?.text === 'string' ? b.text : '';
}

/** What one answer says; `other` is any other answer: a refusal of a write, the answer of a read. */
function outcomeOf(line: string): 'ok' | 'pending' | 'fault' | 'other' | null {
  if (line.startsWith(':white_check_mark:')) return 'ok';
  if (line.startsWith(':hourglass_flowing_sand:')) return 'pending';
  if (/^(:x: )?Sorry, something went wrong/.test(line)) return 'fault';
  if (line === '') return null;
  return 'other';
}

export interface CommandsOptions {
  slack: SlackStandIn;
  /** The web processes' /slack/events URLs; commands go round-robin unless told which. */
  webs: () => string[];
  secret: string;
  /** The clock the web processes run on, which the request timestamp must match. */
  now: () => number;
}

/** Signed slash commands as Slack sends them, and every answer kept for the final account. */
export class Commands {
  readonly sent: Sent[] = [];
  private next = 0;

  constructor(private readonly opts: CommandsOptions) {}

  /**
   * Sends `/dudao <text>` from `user` in the group's channel to one web process; with `twice`,
   * the same request (same trigger_id) again to the other, as Slack does when it retries.
   */
  async send(
    group: GroupPlan,
    user: string,
    text: string,
    write: Write | null = null,
    opts: { twice?: boolean } = {},
  ): Promise<Sent> {
    const responseId = randomBytes(8).toString('hex');
    const body = slashCommandBody({
      team_id: group.team,
      team_domain: group.team.toLowerCase(),
      channel_id: group.channel,
      user_id: user,
      user_name: user.toLowerCase(),
      response_url: this.opts.slack.responseUrl(responseId),
      text,
    });
    const sent: Sent = { group, user, text, write, responseId, acks: [], ackTexts: [], statuses: [] };
    this.sent.push(sent);
    const webs = this.opts.webs();
    const first = this.next++ % webs.length;
    const targets = opts.twice ? [first, (first + 1) % webs.length] : [first];
    await Promise.all(
      targets.map(async (i) => {
        const { status, ack } = await this.post(webs[i] as string, body);
        sent.statuses.push(status);
        if (ack === null) return;
        sent.acks.push(firstLine(ack));
        sent.ackTexts.push(allText(ack));
      }),
    );
    return sent;
  }

  /** Posts one signed request; the HTTP status and the acknowledgement's body (null without one). */
  private async post(url: string, body: string): Promise<{ status: number; ack: unknown }> {
    const timestamp = Math.floor(this.opts.now() / 1000);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': sign(this.opts.secret, body, timestamp),
        },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      if (res.status !== 200) return { status: res.status, ack: null };
      return { status: 200, ack: text ? JSON.parse(text) : {} };
    } catch {
      return { status: 0, ack: null };
    }
  }

  /** The answers that came later through a command's response_url, first lines, in order. */
  private late(responseId: string): string[] {
    return this.opts.slack.calls
      .filter((c) => c.method === 'response_url' && c.responseId === responseId)
      .map((c) => firstLine(c.body));
  }

  /** Every answer's whole text: the acknowledgements, then what followed through response_url. */
  texts(sent: Sent): string[] {
    const later = this.opts.slack.calls
      .filter((c) => c.method === 'response_url' && c.responseId === sent.responseId)
      .map((c) => allText(c.body));
    return [...sent.ackTexts, ...later];
  }

  /** What the command's answers, the acknowledgements and any that followed, come to. */
  outcome(sent: Sent): Outcome {
    const outcomes = [...sent.acks, ...this.late(sent.responseId)].map(outcomeOf);
    // Delivered twice, it is done if either delivery says so (the other is refused as a duplicate).
    if (outcomes.includes('ok')) return 'ok';
    if (outcomes.includes('fault')) return 'fault';
    if (outcomes.includes('other')) return sent.write ? 'refused' : 'answered';
    if (outcomes.includes('pending')) return 'pending';
    return sent.statuses.includes(200) ? 'silent' : 'error';
  }

  /**
   * How `sent` (every command by default) was answered: outcomes counted, refusals by their first
   * words, commands without an answer by HTTP status (0: none).
   */
  describe(sent: readonly Sent[] = this.sent): string {
    const counts = new Map<string, number>();
    const count = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const one of sent) {
      const outcome = this.outcome(one);
      if (outcome === 'refused') {
        const line = [...one.acks, ...this.late(one.responseId)].find((l) => outcomeOf(l) === 'other') ?? '';
        count(
          `refused "${line
            .replace(/^:[a-z_]+:\s*/, '')
            .split(/\s+/)
            .slice(0, 4)
            .join(' ')}…"`,
        );
      } else if (outcome === 'error') count(`no answer (HTTP ${one.statuses.join('+')})`);
      else count(outcome);
    }
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  }

  /** The finding id an `ok` answer of `finding add` names (`Finding *#12* recorded…`). */
  findingId(sent: Sent): number | null {
    for (const line of [...sent.acks, ...this.late(sent.responseId)]) {
      const id = /Finding \*#(\d+)\* recorded/.exec(line)?.[1];
      if (id) return Number(id);
    }
    return null;
  }

  /** Sends until the answer says done; a `too_soon` refusal means an earlier try did it. */
  async sendUntilDone(
    group: GroupPlan,
    user: string,
    text: string,
    write: Write | null = null,
  ): Promise<Sent> {
    let answers: string[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      const sent = await this.send(group, user, text, write);
      // "Working on it": the answer follows; sending again meanwhile could do it twice.
      for (let i = 0; i < 100 && this.outcome(sent) === 'pending'; i++) await sleep(200);
      const outcome = this.outcome(sent);
      if (outcome === 'ok') return sent;
      answers = [...sent.acks, ...this.late(sent.responseId)];
      if (sent.acks.some((l) => /asked for a short while ago/.test(l))) return sent;
      await sleep(500);
    }
    throw new Error(`"/dudao ${text}" from ${user} in ${group.code} was never done: ${answers.join(' / ')}`);
  }
}
