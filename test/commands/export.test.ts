import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/domain/dates';
import { teamKeys } from '../../src/store/keys';
import { DEFAULT_CHANNEL, DEFAULT_USER, type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { testRedis } from '../support/redis';
import { allText } from '../support/slack-text';

/** The file ids of a files.completeUploadExternal call. */
function fileIds(body: Record<string, unknown> | undefined): string[] {
  const raw = body?.files;
  const files = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ id: string }>;
  return files.map((f) => f.id);
}

describe.each(TRANSPORTS)('/dudao export (over %s)', (transport) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ transport });
    await h.command('setup "Group 14" tz=Asia/Shanghai');
    await h.command('unit add 商务部 key=moc');
    await h.command('log interview moc 2026-11-02 n=3 "quoted, with comma"');
    await h.command('log symposium moc 2026-11-20 =HYPERLINK("http://x")');
    await h.command('log research moc 2026-10-01 before the range');
    await h.command('finding add moc 台账不全');
    await h.command('finding done 1 已补齐台账');
    // The leader is the group's only verifier, so may sign off their own work; the record says so.
    await h.command('finding verify 1');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('typed in the group channel, uploads a CSV of the range there and says so', async () => {
    h.slack.reset();
    const res = await h.command('export from=2026-11-01 to=2026-11-30');
    expect(res.status).toBe(200);
    expect(allText(res.json)).toContain('this channel');
    const [complete] = await h.slack.waitFor('files.completeUploadExternal', 5_000);
    expect(complete?.body.channel_id).toBe(DEFAULT_CHANNEL);
    const [upload] = await h.slack.waitFor('files.getUploadURLExternal', 5_000);
    expect(String(upload?.body.filename)).toMatch(/\.csv$/);
    const csv = h.slack.uploadedFile(fileIds(complete?.body)[0]!)!;
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('record');
    const activities = lines.filter((l) => l.startsWith('"activity",'));
    expect(activities).toHaveLength(2);
    expect(csv).toContain('"quoted, with comma"');
    // A note that looks like a formula is defused for spreadsheet programs.
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).not.toContain('before the range');
    const [answer] = await h.slack.waitFor(
      (c) => c.method === 'response_url' && c.responseId === res.responseId,
      5_000,
    );
    expect(allText(answer?.body)).toContain('2026-11-01');
  });

  it('typed in another channel, sends the file to the caller’s direct messages and nothing to that channel', async () => {
    h.slack.reset();
    const res = await h.command('export', { channel_id: 'C0RANDOM', channel_name: 'random' });
    expect(allText(res.json)).toContain('direct message');
    const [complete] = await h.slack.waitFor('files.completeUploadExternal', 5_000);
    const dm = h.slack.workspace.imOf(DEFAULT_USER);
    expect(complete?.body.channel_id).toBe(dm);
    const [shared] = h.slack.workspace.messagesOf(dm).filter((m) => m.files?.length);
    expect(shared?.files).toEqual(fileIds(complete?.body));
    const csv = h.slack.uploadedFile(fileIds(complete?.body)[0]!)!;
    expect(csv).toContain('台账不全');
    // The finding's steps follow it, each with who and the notes.
    const steps = csv.split('\r\n').filter((l) => l.startsWith('"finding_step",'));
    expect(steps).toHaveLength(2);
    expect(steps[0]).toContain('"done",,,"已补齐台账","U0LEAD"');
    expect(steps[1]).toContain('"verify",,,"","U0LEAD","self_verified"');
    expect(h.slack.workspace.messagesOf('C0RANDOM')).toEqual([]);
    const [answer] = await h.slack.waitFor(
      (c) => c.method === 'response_url' && c.responseId === res.responseId,
      5_000,
    );
    expect(allText(answer?.body)).toContain('your direct messages');
  });

  it('refuses a range over 200,000 rows from the indexes alone, before reading a row', async () => {
    // Only the date index is seeded: an export that read the rows would find none and upload an empty file.
    const key = teamKeys(h.prefix, h.slack.identity.teamId).activitiesByDate(DEFAULT_CHANNEL);
    const redis = testRedis();
    try {
      const day = dayNumber('2020-06-01');
      for (let start = 0; start <= 200_000; start += 20_000) {
        const args: (string | number)[] = [];
        for (let i = start; i < Math.min(start + 20_000, 200_001); i++)
          args.push(day, `9${String(i).padStart(11, '0')}`);
        await redis.zadd(key, ...args);
      }
      h.slack.reset();
      const res = await h.command('export from=2020-01-01 to=2020-12-31');
      expect(allText(res.json)).toContain('200000 rows');
      expect(h.slack.callsTo('files.getUploadURLExternal')).toEqual([]);
      expect(h.slack.callsTo('conversations.open')).toEqual([]);
    } finally {
      await redis.zremrangebyscore(key, dayNumber('2020-01-01'), dayNumber('2020-12-31'));
      redis.disconnect();
    }
  });

  it('refuses a range that ends before it starts', async () => {
    const res = await h.command('export from=2026-11-30 to=2026-11-01');
    expect(allText(res.json)).toContain('2026-11-30');
  });
});

describe('two exports of one group at once (over http)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await h.command('setup "Group 14"');
    await h.command('unit add "Ministry of Commerce" key=moc');
    await h.command('log interview moc n=3 met the deputy director');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('one proceeds, the other is told an export is running; once it is done the next may start', async () => {
    h.slack.reset();
    const upload = h.slack.hold('files.getUploadURLExternal');
    const first = await h.command('export');
    expect(allText(first.json)).toContain('Preparing the export');
    // The first export is now uploading, and holds the group's export.
    await upload.arrived;
    const second = await h.command('export', { user_id: DEFAULT_USER });
    expect(allText(second.json)).toContain('already being prepared');
    upload.release();
    await h.slack.waitFor('files.completeUploadExternal', 5_000);
    await h.slack.waitFor((c) => c.method === 'response_url' && c.responseId === first.responseId, 5_000);
    expect(h.slack.callsTo('files.getUploadURLExternal')).toHaveLength(1);

    const third = await h.command('export');
    expect(allText(third.json)).toContain('Preparing the export');
    await h.slack.waitFor('files.completeUploadExternal', 5_000, 2);
  });
});
