import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  type Installation,
  type InstallationQuery,
  type InstallationStore,
  type InstallURLOptions,
  InvalidStateError,
  type StateStore,
} from '@slack/oauth';
import type { InstallationRecords } from '../store/installations';
import type { InstallationId } from '../store/keys';

/**
 * The stores @slack/oauth's InstallProvider runs the install flow over (src/app/install-routes.ts):
 * the installations in Redis, and the OAuth state kept server-side for single use.
 */

/** An OAuth state lives this long: the time a person has between "Add to Slack" and approving. */
const STATE_TTL_MS = 10 * 60_000;

/** The installation query of @slack/oauth as our installation id. */
function idOfQuery(query: InstallationQuery<boolean>): InstallationId {
  if (query.isEnterpriseInstall && query.enterpriseId) return { kind: 'org', id: query.enterpriseId };
  if (!query.teamId) throw new Error('installation query without a team');
  return { kind: 'team', id: query.teamId };
}

/** @slack/oauth's InstallationStore over the Redis records: what InstallProvider saves on an install. */
export function installationStore(
  records: InstallationRecords,
  now: () => number = Date.now,
): InstallationStore {
  return {
    async storeInstallation(installation) {
      await records.save(installation as Installation, now());
    },
    async fetchInstallation(query) {
      const id = idOfQuery(query);
      const stored = await records.read(id);
      if (!stored) throw new Error(`no installation for ${id.kind}:${id.id}`);
      const user = query.userId ? await records.user(id, query.userId) : null;
      return user ? { ...stored.installation, user } : stored.installation;
    },
    async deleteInstallation(query) {
      await records.remove(idOfQuery(query), Number.POSITIVE_INFINITY);
    },
  };
}

/**
 * @slack/oauth's StateStore, server-side: the state is a random nonce (signed with
 * SLACK_STATE_SECRET, so a forged one is refused before Redis is asked) whose install options are
 * kept in Redis for STATE_TTL_MS and deleted as they are read, so a state works once.
 */
export function stateStore(records: InstallationRecords, secret: string): StateStore {
  const sign = (nonce: string) => createHmac('sha256', secret).update(nonce).digest('base64url');
  return {
    async generateStateParam(installOptions: InstallURLOptions) {
      const nonce = randomBytes(18).toString('base64url');
      await records.saveState(nonce, JSON.stringify(installOptions), STATE_TTL_MS);
      return `${nonce}.${sign(nonce)}`;
    },
    async verifyStateParam(_now: Date, state: string) {
      const [nonce = '', mac = ''] = state.split('.');
      const expected = Buffer.from(sign(nonce));
      const given = Buffer.from(mac);
      // Only a nonce this app signed gets as far as Redis (and it has the shape a key takes).
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new InvalidStateError('The state is not one this app issued.');
      }
      const saved = await records.takeState(nonce);
      if (!saved) throw new InvalidStateError('The state has expired or was already used.');
      return JSON.parse(saved) as InstallURLOptions;
    },
  };
}
