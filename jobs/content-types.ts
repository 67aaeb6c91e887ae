import type { Store } from '../src/store/types';
import type { Message } from '../src/views/message';

/** What the content builders read through: the store, and nothing else of Redis. */
export interface ContentDeps {
  store: Store;
}

/** A direct message to send once: the delivery layer keeps one send per `dedupeKey`. */
export type PlannedDm = { userId: string; dedupeKey: string; message: Message };
