import { LogLevel, type Logger as SlackLogger } from '@slack/logger';
import type { Logger } from 'pino';

const toPino: Record<LogLevel, string> = {
  [LogLevel.ERROR]: 'error',
  [LogLevel.WARN]: 'warn',
  [LogLevel.INFO]: 'info',
  [LogLevel.DEBUG]: 'debug',
};

/** Bolt and the Web API client log through our pino logger, so every line has one format. */
export function boltLogger(base: Logger): SlackLogger {
  let logger = base.child({ component: 'slack' });
  return {
    debug: (...msg: unknown[]) => logger.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => logger.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => logger.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => logger.error(msg.map(String).join(' ')),
    setLevel: () => {
      // The level is LOG_LEVEL's, set once on the root logger.
    },
    getLevel: () => {
      const level = Object.entries(toPino).find(([, v]) => v === logger.level)?.[0];
      return (level as LogLevel | undefined) ?? LogLevel.INFO;
    },
    setName: (name: string) => {
      logger = base.child({ component: name });
    },
  };
}
