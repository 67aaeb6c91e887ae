export type { CorruptHandler } from './json';
export { InvalidIdError } from './keys';
export { createRedis } from './redis';
export { RedisStore, type RedisStoreOptions } from './redis-store';
export type * from './types';
