import type { Installation } from '@slack/oauth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidIdError } from '../../src/domain/errors';
import { installationIdOf } from '../../src/store/installations';
import { deleteKeys, type Harness, openHarness } from './fixture';

/** A workspace install as @slack/oauth builds it, rotating when `expiresAt` (seconds) is given. */
function teamInstall(teamId: string, token: string, expiresAt?: number): Installation {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: undefined,
    user: { id: 'UINSTALLER', token: `xoxp-user-${teamId}`, scopes: ['identify'] },
    bot: {
      token,
      scopes: ['commands', 'chat:write'],
      id: 'BDUDAO',
      userId: 'UDUDAOBOT',
      ...(expiresAt ? { refreshToken: `xoxe-1-${token}`, expiresAt } : {}),
    },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
}

function orgInstall(enterpriseId: string, token: string): Installation {
  return {
    team: undefined,
    enterprise: { id: enterpriseId, name: 'Org' },
    user: { id: 'UADMIN', token: undefined, scopes: undefined },
    bot: { token, scopes: ['commands'], id: 'BDUDAO', userId: 'UDUDAOBOT' },
    isEnterpriseInstall: true,
    authVersion: 'v2',
  };
}

describe('installation records', () => {
  let h: Harness;
  beforeAll(() => {
    h = openHarness();
  });
  afterEach(() => deleteKeys(h.redis, h.prefix));
  afterAll(async () => {
    h.inspect.close();
    await h.redis.quit();
  });

  it('keeps a workspace install under its team and an org-wide one under its enterprise', async () => {
    const records = h.store.installations();
    expect(await records.save(teamInstall('T1', 'xoxb-t1'), 1_000)).toEqual({ kind: 'team', id: 'T1' });
    expect(await records.save(orgInstall('E1', 'xoxb-e1'), 2_000)).toEqual({ kind: 'org', id: 'E1' });
    const team = await records.read({ kind: 'team', id: 'T1' });
    expect(team).toMatchObject({ installedAt: 1_000, active: true, reason: null });
    expect(team?.installation.bot?.token).toBe('xoxb-t1');
    expect(team?.installation.authVersion).toBe('v2');
    expect((await records.read({ kind: 'org', id: 'E1' }))?.installation.bot?.token).toBe('xoxb-e1');
    // The keys carry the team's and the enterprise's hash tags (one Redis Cluster slot each).
    expect(await h.redis.exists(`${h.prefix}:{T1}:install`)).toBe(1);
    expect(await h.redis.exists(`${h.prefix}:{E1}:install`)).toBe(1);
    expect(await records.read({ kind: 'team', id: 'T2' })).toBeNull();
  });

  it('keeps the user token under the user, not in the installation', async () => {
    const records = h.store.installations();
    await records.save(teamInstall('T1', 'xoxb-t1'), 1_000);
    const stored = await records.read({ kind: 'team', id: 'T1' });
    expect(stored?.installation.user.token).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain('xoxp-user-T1');
    expect((await records.user({ kind: 'team', id: 'T1' }, 'UINSTALLER'))?.token).toBe('xoxp-user-T1');
    expect(await records.removeUsers({ kind: 'team', id: 'T1' }, ['UINSTALLER'])).toBe(1);
    expect(await records.user({ kind: 'team', id: 'T1' }, 'UINSTALLER')).toBeNull();
    expect((await records.read({ kind: 'team', id: 'T1' }))?.installation.bot?.token).toBe('xoxb-t1');
  });

  it('deletes an installation only for an event newer than it', async () => {
    const records = h.store.installations();
    const id = { kind: 'team', id: 'T1' } as const;
    await records.save(teamInstall('T1', 'xoxb-old'), 1_000);
    // Reinstalled at 5 000: an uninstall event from 3 000, arriving late, is about the first install.
    await records.save(teamInstall('T1', 'xoxb-new'), 5_000);
    expect(await records.remove(id, 3_000)).toBe('newer');
    expect((await records.read(id))?.installation.bot?.token).toBe('xoxb-new');
    expect(await records.remove(id, 6_000)).toBe('deleted');
    expect(await records.read(id)).toBeNull();
    expect(await records.user(id, 'UINSTALLER')).toBeNull();
    expect(await records.remove(id, 7_000)).toBe('none');
  });

  it('marks an installation inactive once, and a reinstall makes it active again', async () => {
    const records = h.store.installations();
    const id = { kind: 'team', id: 'T1' } as const;
    await records.save(teamInstall('T1', 'xoxb-t1'), 1_000);
    expect(await records.deactivate(id, 'token_revoked', 2_000)).toBe('marked');
    expect(await records.deactivate(id, 'token_revoked', 2_500)).toBe('none');
    expect(await records.read(id)).toMatchObject({ active: false, reason: 'token_revoked' });
    await records.save(teamInstall('T1', 'xoxb-t1b'), 3_000);
    expect(await records.read(id)).toMatchObject({ active: true, reason: null });
    // A refusal seen before the reinstall does not touch it.
    expect(await records.deactivate(id, 'invalid_auth', 2_900)).toBe('newer');
  });

  it('indexes rotating tokens by expiry for the periodic refresh', async () => {
    const records = h.store.installations();
    await records.save(teamInstall('T1', 'xoxb-a', 1_000), 0);
    await records.save(teamInstall('T2', 'xoxb-b', 9_000), 0);
    await records.save(teamInstall('T3', 'xoxb-c'), 0);
    expect(await records.expiringBefore(2_000_000, 10)).toEqual([{ kind: 'team', id: 'T1' }]);
    expect(await records.expiringBefore(10_000_000, 10)).toEqual([
      { kind: 'team', id: 'T1' },
      { kind: 'team', id: 'T2' },
    ]);
    // A token that does not rotate never comes due; a deleted installation leaves the index.
    await records.remove({ kind: 'team', id: 'T1' }, 1);
    expect(await records.expiringBefore(Number.MAX_SAFE_INTEGER, 10)).toEqual([{ kind: 'team', id: 'T2' }]);
  });

  it('writes a refreshed token only while holding the lock, and not over an uninstall', async () => {
    const records = h.store.installations();
    const id = { kind: 'team', id: 'T1' } as const;
    await records.save(teamInstall('T1', 'xoxb-1', 100), 0);
    expect(await records.takeRefreshLock(id, 'me', 5_000)).toBe(true);
    expect(await records.takeRefreshLock(id, 'other', 5_000)).toBe(false);
    expect(await records.saveRefreshed(id, 'other', teamInstall('T1', 'xoxb-other', 200))).toBe('lock_lost');
    expect(await records.saveRefreshed(id, 'me', teamInstall('T1', 'xoxb-2', 200))).toBe('saved');
    expect((await records.read(id))?.installation.bot).toMatchObject({ token: 'xoxb-2', expiresAt: 200 });
    expect(await records.expiringBefore(150_000, 10)).toEqual([]);
    await records.releaseRefreshLock(id, 'me');
    expect(await records.takeRefreshLock(id, 'other', 5_000)).toBe(true);
    await records.remove(id, 1);
    expect(await records.saveRefreshed(id, 'other', teamInstall('T1', 'xoxb-3', 300))).toBe('lock_lost');
    await records.takeRefreshLock(id, 'other', 5_000);
    expect(await records.saveRefreshed(id, 'other', teamInstall('T1', 'xoxb-3', 300))).toBe('gone');
    expect(await records.read(id)).toBeNull();
  });

  it('gives an OAuth state back once, and not after it expired', async () => {
    const records = h.store.installations();
    await records.saveState('nonce-aaaaaaaaaaaaaaaa', '{"scopes":["commands"]}', 60_000);
    expect(await records.takeState('nonce-aaaaaaaaaaaaaaaa')).toBe('{"scopes":["commands"]}');
    expect(await records.takeState('nonce-aaaaaaaaaaaaaaaa')).toBeNull();
    await records.saveState('nonce-bbbbbbbbbbbbbbbb', '{}', 30);
    await new Promise((r) => setTimeout(r, 80));
    expect(await records.takeState('nonce-bbbbbbbbbbbbbbbb')).toBeNull();
    await expect(records.takeState('no{tag}')).rejects.toThrow(InvalidIdError);
  });

  it('remembers which org serves a workspace', async () => {
    const records = h.store.installations();
    expect(await records.orgOfTeam('T9')).toBeNull();
    await records.rememberOrgOfTeam('T9', 'E1');
    expect(await records.orgOfTeam('T9')).toBe('E1');
  });

  it('tells an org-wide installation from a workspace one', () => {
    expect(installationIdOf(orgInstall('E1', 'x'))).toEqual({ kind: 'org', id: 'E1' });
    expect(installationIdOf(teamInstall('T1', 'x'))).toEqual({ kind: 'team', id: 'T1' });
    expect(() => installationIdOf({ ...orgInstall('E1', 'x'), enterprise: undefined })).toThrow(/neither/);
  });
});
