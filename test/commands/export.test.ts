import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { allText } from '../support/slack-text';

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
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('uploads a CSV of the range with files.uploadV2 and says so', async () => {
    h.slack.reset();
    const res = await h.command('export from=2026-11-01 to=2026-11-30');
    expect(res.status).toBe(200);
    const [complete] = await h.slack.waitFor('files.completeUploadExternal', 5_000);
    expect(complete?.body.channel_id).toBe('C0GROUP');
    const [upload] = await h.slack.waitFor('files.getUploadURLExternal', 5_000);
    expect(String(upload?.body.filename)).toMatch(/\.csv$/);
    const raw = complete?.body.files;
    const files = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ id: string }>;
    const csv = h.slack.uploadedFile(files[0]!.id)!;
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('record');
    const activities = lines.filter((l) => l.startsWith('activity,'));
    expect(activities).toHaveLength(2);
    expect(csv).toContain('"quoted, with comma"');
    // A note that looks like a formula is defused for spreadsheet programs.
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).not.toContain('before the range');
    const [answer] = await h.slack.waitFor(
      (c) => c.method === 'response_url' && c.responseId === res.responseId,
      5_000,
    );
    expect(allText(answer?.body)).toContain('2026-11-01');
  });

  it('refuses a range that ends before it starts', async () => {
    const res = await h.command('export from=2026-11-30 to=2026-11-01');
    expect(allText(res.json)).toContain('2026-11-30');
  });
});
