import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one process; `/metrics` serves `registry`. */
export interface Metrics {
  registry: Registry;
  commands: Counter<'subcommand' | 'outcome'>;
  commandSeconds: Histogram<'subcommand'>;
  interactions: Counter<'kind' | 'outcome'>;
  jobs: Counter<'kind' | 'outcome'>;
}

export function createMetrics(opts: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaults !== false) collectDefaultMetrics({ register: registry, prefix: 'dudao_' });
  return {
    registry,
    commands: new Counter({
      name: 'dudao_commands_total',
      help: 'Slash commands handled, by subcommand and outcome',
      labelNames: ['subcommand', 'outcome'],
      registers: [registry],
    }),
    commandSeconds: new Histogram({
      name: 'dudao_command_duration_seconds',
      help: 'Time from receiving a slash command to its acknowledgement',
      labelNames: ['subcommand'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    interactions: new Counter({
      name: 'dudao_interactions_total',
      help: 'Interactive payloads handled (modal submissions, buttons), by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'dudao_jobs_total',
      help: 'Scheduled jobs processed, by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
  };
}
