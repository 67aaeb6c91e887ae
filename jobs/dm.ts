import type { JobContext } from './context';
import { deliverOnce } from './deliver';
import { deliveryKey } from './ledger';
import type { DmJobData } from './queues';

/** One planned DM, once per dedupe key. */
export function dmHandler(ctx: JobContext) {
  return (data: DmJobData): Promise<string> =>
    deliverOnce(ctx.delivery, {
      key: deliveryKey(ctx.dataPrefix, data.teamId, `dm:${data.dedupeKey}`),
      channel: data.userId,
      build: async () => data.message,
    });
}
