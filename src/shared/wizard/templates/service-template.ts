/**
 * A ready-made service from its official image (redis, postgres, nginx) with your configuration.
 * These images are Alpine or Debian based and know how to start; the template adds config and,
 * by default, runs them as their own unprivileged user from the start.
 */
import { envOption, ENV_STEP, EXPOSE_STEP, USER_STEP } from '../common-steps';
import { envLine, line, present, type DockerfileLine } from '../dockerfile-writer';
import type { EnvVariable } from '../wizard-answers';
import type { WizardOption, WizardStep, WizardTemplate } from '../wizard-template';
import type { ImageFamily } from '../../dockerfile/lint/image-family';

/** A ready-made service from its official image, with your configuration. */
export interface ServiceAnswers {
  template: 'service';
  baseImage: string | null;
  baseFamily: ImageFamily | null;
  service: 'redis' | 'postgres' | 'nginx';
  /** The image tag's version; null for the suggested one. */
  version: string | null;
  variant: 'alpine' | 'debian';
  /** Copy a config file (redis.conf, nginx.conf) or init scripts (postgres `init/`) from the project. */
  withConfig: boolean;
  /** Run as the service's own user from the start instead of letting the image drop root itself. */
  runAsServiceUser: boolean;
  env: EnvVariable[];
}

interface ServiceFacts {
  version: string;
  title: string;
  /** The unprivileged user the image has (nginx: the unprivileged image's uid). */
  user: string;
  port: (answers: ServiceAnswers) => number;
  config: { source: string; target: string; comment: string };
  command: string[] | null;
}

const SERVICES: Record<ServiceAnswers['service'], ServiceFacts> = {
  redis: {
    version: '7.4',
    title: 'Redis',
    user: 'redis',
    port: () => 6379,
    config: {
      source: 'redis.conf',
      target: '/usr/local/etc/redis/redis.conf',
      comment: 'Your Redis configuration',
    },
    command: ['redis-server', '/usr/local/etc/redis/redis.conf'],
  },
  postgres: {
    version: '17',
    title: 'PostgreSQL',
    user: 'postgres',
    port: () => 5432,
    config: {
      source: 'init/',
      target: '/docker-entrypoint-initdb.d/',
      comment: 'SQL and shell scripts run once, when the database is first created',
    },
    command: null,
  },
  nginx: {
    version: '1.27',
    title: 'nginx',
    user: '101',
    port: (answers) => (answers.runAsServiceUser ? 8080 : 80),
    config: {
      source: 'nginx.conf',
      target: '/etc/nginx/conf.d/default.conf',
      comment: 'Your nginx site configuration',
    },
    command: null,
  },
};

/** The official image for the answers, e.g. `redis:7.4-alpine`, `postgres:17`, `nginxinc/nginx-unprivileged:1.27-alpine`. */
export function serviceImage(answers: ServiceAnswers): string {
  if (answers.baseImage) return answers.baseImage;
  const version = answers.version ?? SERVICES[answers.service].version;
  // nginx cannot bind port 80 or write its pid file without root; its unprivileged build can.
  const repository =
    answers.service === 'nginx' && answers.runAsServiceUser ? 'nginxinc/nginx-unprivileged' : answers.service;
  return `${repository}:${version}${answers.variant === 'alpine' ? '-alpine' : ''}`;
}

/** The port the service listens on. */
export function servicePort(answers: ServiceAnswers): number {
  return SERVICES[answers.service].port(answers);
}

/** The Dockerfile lines for a service. */
export function writeService(answers: ServiceAnswers): DockerfileLine[] {
  const facts = SERVICES[answers.service];
  const port = servicePort(answers);
  return present([
    line(`FROM ${serviceImage(answers)}`, `The official ${facts.title} image, version pinned in the tag`),
    envLine(
      answers.env,
      'Settings the image reads at start-up (no passwords: pass those with docker run -e)',
    ),
    answers.withConfig
      ? line(`COPY ${facts.config.source} ${facts.config.target}`, facts.config.comment)
      : null,
    answers.runAsServiceUser
      ? line(`USER ${facts.user}`, `Run as ${facts.title}'s own unprivileged user from the start`)
      : null,
    line(`EXPOSE ${port}`, `${facts.title} listens on port ${port}`),
    answers.withConfig && facts.command
      ? line(
          `CMD [${facts.command.map((word) => JSON.stringify(word)).join(', ')}]`,
          'Start the server with your configuration file',
        )
      : null,
  ]);
}

const CONFIG_STEP: WizardStep = {
  id: 'config',
  title: 'Configuration',
  instructions: ['COPY', 'CMD'],
  explanation:
    'Official images start with sensible defaults; your configuration goes in with COPY. Redis reads redis.conf ' +
    'when started with its path; nginx reads every file in /etc/nginx/conf.d/; PostgreSQL runs the .sql and .sh ' +
    'files of /docker-entrypoint-initdb.d/ once, when the database is first created. PostgreSQL refuses to start ' +
    'without a password: give it when you run the container (`docker run -e POSTGRES_PASSWORD=…`), never in the Dockerfile.',
};

const OPTIONS: readonly WizardOption<ServiceAnswers>[] = [
  {
    key: 'service',
    step: 'base',
    label: 'Service',
    help: 'The official image to start from.',
    kind: 'choice',
    choices: [
      { value: 'redis', label: 'Redis', detail: 'in-memory data store, port 6379' },
      { value: 'postgres', label: 'PostgreSQL', detail: 'relational database, port 5432' },
      { value: 'nginx', label: 'nginx', detail: 'web server and reverse proxy' },
    ],
    examples: ['redis', 'postgres', 'nginx'],
  },
  {
    key: 'version',
    step: 'base',
    label: 'Version',
    help: 'Leave empty for the suggested version (Redis 7.4, PostgreSQL 17, nginx 1.27).',
    kind: 'text',
    examples: [null, '16'],
  },
  {
    key: 'variant',
    step: 'base',
    label: 'Variant',
    help: 'Alpine images are smaller; Debian ones have the usual GNU tools.',
    kind: 'choice',
    choices: [
      { value: 'alpine', label: 'Alpine', detail: 'smaller' },
      { value: 'debian', label: 'Debian', detail: 'larger, more familiar tools' },
    ],
    examples: ['alpine', 'debian'],
  },
  {
    key: 'withConfig',
    step: 'config',
    label: 'Add my configuration',
    help: 'redis.conf, nginx.conf, or PostgreSQL init scripts in init/.',
    kind: 'boolean',
    examples: [false, true],
  },
  {
    key: 'runAsServiceUser',
    step: 'user',
    label: 'Never run as root',
    help: "Start as the service's own user. Off: the image starts as root and drops to that user itself.",
    kind: 'boolean',
    examples: [true, false],
  },
  envOption([[], [{ name: 'POSTGRES_DB', value: 'app' }]]),
];

/** The ready-made service template. */
export const serviceTemplate: WizardTemplate<ServiceAnswers> = {
  id: 'service',
  title: 'A ready-made service',
  summary: 'Redis, PostgreSQL or nginx from the official image, with your configuration.',
  assumes: 'The official images, Alpine or Debian; they bring their own users (redis, postgres, nginx 101).',
  steps: [
    {
      id: 'base',
      title: 'Service image',
      instructions: ['FROM'],
      explanation:
        'Official images are maintained by the projects themselves and know how to start their service: you rarely ' +
        'need more than FROM and your configuration. The version is pinned in the tag so the database you tested is ' +
        'the one you ship. Alpine variants are smaller (Redis about 45 MB instead of 115 MB); Debian variants have ' +
        'the usual tools.',
    },
    {
      ...ENV_STEP,
      explanation: `${ENV_STEP.explanation} PostgreSQL reads POSTGRES_DB and POSTGRES_USER, for example.`,
    },
    CONFIG_STEP,
    {
      ...USER_STEP,
      explanation:
        'These images start as root only to fix file ownership, then switch to their own user (redis, postgres, ' +
        'nginx workers). "Never run as root" adds USER so they start as that user directly; for nginx this means the ' +
        'nginx-unprivileged image on port 8080. Named volumes keep working; a bind-mounted host folder must then be ' +
        'writable by that user.',
    },
    EXPOSE_STEP,
  ],
  options: OPTIONS,
  write: writeService,
  ignore: () => [],
  cautions: () => [],
  check: () => [],
  suggestedStart: () => null,
  finalBaseImage: serviceImage,
  defaults: {
    template: 'service',
    baseImage: null,
    baseFamily: null,
    service: 'redis',
    version: null,
    variant: 'alpine',
    withConfig: false,
    runAsServiceUser: true,
    env: [],
  },
};
