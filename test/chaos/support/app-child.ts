/**
 * One dudao process of the chaos run: `startApp` as `npm start` runs it, its role (`ROLE=web` or
 * `worker`), Redis, Slack and port from the environment, the data and queue prefixes from
 * DATA_PREFIX and QUEUE_PREFIX, at the shifted time of ./clock.ts. Prints `ready <json>` with its
 * ports once it serves.
 */
import './clock';
import { startApp } from '../../../src/app/start';
import { loadConfig } from '../../../src/config';

const required = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const app = await startApp({
  config: loadConfig(process.env),
  prefix: required('DATA_PREFIX'),
  queuePrefix: required('QUEUE_PREFIX'),
});
process.stdout.write(`ready ${JSON.stringify({ port: app.port, opsPort: app.opsPort })}\n`);
process.on('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
