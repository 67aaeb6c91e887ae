export { checkRedisCredentials, createRedis } from './redis';
export { RedisStore } from './redis-store';
export type * from './types';
