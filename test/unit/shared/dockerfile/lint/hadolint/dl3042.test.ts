/**
 * hadolint DL3042 (Avoid cache directory with pip install --no-cache-dir) ↔ DW010.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3042Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3042',
  rule: { id: 'DW010' },
  cases: [
    { name: 'pip2 --no-cache-dir not used', hadolint: true, dockerfile: ['RUN pip2 install MySQL_python'] },
    {
      name: 'pip2 --no-cache-dir not used',
      onbuild: true,
      hadolint: true,
      dockerfile: ['RUN pip2 install MySQL_python'],
    },
    { name: 'pip3 --no-cache-dir not used', hadolint: true, dockerfile: ['RUN pip3 install MySQL_python'] },
    {
      name: 'pip3 --no-cache-dir not used',
      onbuild: true,
      hadolint: true,
      dockerfile: ['RUN pip3 install MySQL_python'],
    },
    { name: 'pip --no-cache-dir not used', hadolint: true, dockerfile: ['RUN pip install MySQL_python'] },
    {
      name: 'pip --no-cache-dir not used',
      onbuild: true,
      hadolint: true,
      dockerfile: ['RUN pip install MySQL_python'],
    },
    {
      name: 'pip2 --no-cache-dir used',
      hadolint: false,
      dockerfile: ['RUN pip2 install MySQL_python --no-cache-dir'],
    },
    {
      name: 'pip2 --no-cache-dir used',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN pip2 install MySQL_python --no-cache-dir'],
    },
    {
      name: 'pip3 --no-cache-dir used',
      hadolint: false,
      dockerfile: ['RUN pip3 install --no-cache-dir MySQL_python'],
    },
    {
      name: 'pip3 --no-cache-dir used',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN pip3 install --no-cache-dir MySQL_python'],
    },
    {
      name: 'pip --no-cache-dir used',
      hadolint: false,
      dockerfile: ['RUN pip install MySQL_python --no-cache-dir'],
    },
    {
      name: 'pip --no-cache-dir used',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN pip install MySQL_python --no-cache-dir'],
    },
    { name: "don't match on pipx", hadolint: false, dockerfile: ['RUN pipx install software'] },
    {
      name: "don't match on pipx",
      onbuild: true,
      hadolint: false,
      dockerfile: ['Run pipx install software'],
    },
    { name: "don't match on pipenv", hadolint: false, dockerfile: ['RUN pipenv install library'] },
    {
      name: "don't match on pipenv",
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN pipenv install library'],
    },
    {
      name: 'respect ENV PIP_NO_CACHE_DIR with truthy values',
      hadolint: false,
      dockerfile: ['ENV PIP_NO_CACHE_DIR=1', 'RUN pip install MySQL_python'],
    },
    {
      name: 'respect ENV PIP_NO_CACHE_DIR with truthy values',
      hadolint: false,
      dockerfile: ['ENV PIP_NO_CACHE_DIR=on', 'RUN pip install MySQL_python'],
    },
    {
      name: 'respect ENV PIP_NO_CACHE_DIR with truthy values',
      hadolint: false,
      dockerfile: ['ENV PIP_NO_CACHE_DIR=yes', 'RUN pip install MySQL_python'],
    },
    {
      name: 'respect ENV PIP_NO_CACHE_DIR with truthy values',
      hadolint: false,
      dockerfile: ['ENV PIP_NO_CACHE_DIR=true', 'RUN pip install MySQL_python'],
    },
    {
      name: 'respect RUN PIP_NO_CACHE_DIR=... with truthy values',
      hadolint: false,
      dockerfile: ['RUN PIP_NO_CACHE_DIR=1 pip install MySQL_python'],
    },
    {
      name: 'respect RUN PIP_NO_CACHE_DIR=... with truthy values',
      hadolint: false,
      dockerfile: ['RUN PIP_NO_CACHE_DIR=on pip install MySQL_python'],
    },
    {
      name: 'respect RUN PIP_NO_CACHE_DIR=... with truthy values',
      hadolint: false,
      dockerfile: ['RUN PIP_NO_CACHE_DIR=yes pip install MySQL_python'],
    },
    {
      name: 'respect RUN PIP_NO_CACHE_DIR=... with truthy values',
      hadolint: false,
      dockerfile: ['RUN PIP_NO_CACHE_DIR=true pip install MySQL_python'],
    },
    {
      name: 'respect RUN export PIP_NO_CACHE_DIR=... with truthy values',
      hadolint: false,
      dockerfile: ['RUN export PIP_NO_CACHE_DIR=1 && pip install MySQL_python'],
    },
    {
      name: 'respect RUN export PIP_NO_CACHE_DIR=... with truthy values',
      hadolint: false,
      dockerfile: ['RUN export PIP_NO_CACHE_DIR=on && pip install MySQL_python'],
    },
    {
      name: 'respect RUN export PIP_NO_CACHE_DIR=... with truthy values',
      hadolint: false,
      dockerfile: ['RUN export PIP_NO_CACHE_DIR=yes && pip install MySQL_python'],
    },
    {
      name: 'respect RUN export PIP_NO_CACHE_DIR=... with truthy values',
      hadolint: false,
      dockerfile: ['RUN export PIP_NO_CACHE_DIR=true && pip install MySQL_python'],
    },
    {
      name: 'respect ENV PIP_NO_CACHE_DIR with falsy values',
      hadolint: true,
      dockerfile: ['ENV PIP_NO_CACHE_DIR=0', 'RUN pip install MySQL_python'],
      ours: false,
      why: 'pip turns the cache off for any boolean PIP_NO_CACHE_DIR, "0" and "false" too (cmdoptions._handle_no_cache_dir).',
    },
    {
      name: 'respect ENV PIP_NO_CACHE_DIR with falsy values',
      hadolint: true,
      dockerfile: ['ENV PIP_NO_CACHE_DIR=off', 'RUN pip install MySQL_python'],
      ours: false,
      why: 'pip turns the cache off for any boolean PIP_NO_CACHE_DIR, "0" and "false" too (cmdoptions._handle_no_cache_dir).',
    },
    {
      name: 'respect ENV PIP_NO_CACHE_DIR with falsy values',
      hadolint: true,
      dockerfile: ['ENV PIP_NO_CACHE_DIR=no', 'RUN pip install MySQL_python'],
      ours: false,
      why: 'pip turns the cache off for any boolean PIP_NO_CACHE_DIR, "0" and "false" too (cmdoptions._handle_no_cache_dir).',
    },
    {
      name: 'respect ENV PIP_NO_CACHE_DIR with falsy values',
      hadolint: true,
      dockerfile: ['ENV PIP_NO_CACHE_DIR=false', 'RUN pip install MySQL_python'],
      ours: false,
      why: 'pip turns the cache off for any boolean PIP_NO_CACHE_DIR, "0" and "false" too (cmdoptions._handle_no_cache_dir).',
    },
    {
      name: 'respect RUN PIP_NO_CACHE_DIR=... with falsy values',
      hadolint: true,
      dockerfile: ['RUN PIP_NO_CACHE_DIR=0 pip install MySQL_python'],
      ours: false,
      why: 'pip turns the cache off for any boolean PIP_NO_CACHE_DIR, "0" and "false" too (cmdoptions._handle_no_cache_dir).',
    },
    {
      name: 'respect RUN PIP_NO_CACHE_DIR=... with falsy values',
      hadolint: true,
      dockerfile: ['RUN PIP_NO_CACHE_DIR=off pip install MySQL_python'],
      ours: false,
      why: 'pip turns the cache off for any boolean PIP_NO_CACHE_DIR, "0" and "false" too (cmdoptions._handle_no_cache_dir).',
    },
    {
      name: 'respect RUN PIP_NO_CACHE_DIR=... with falsy values',
      hadolint: true,
      dockerfile: ['RUN PIP_NO_CACHE_DIR=no pip install MySQL_python'],
      ours: false,
      why: 'pip turns the cache off for any boolean PIP_NO_CACHE_DIR, "0" and "false" too (cmdoptions._handle_no_cache_dir).',
    },
    {
      name: 'respect RUN PIP_NO_CACHE_DIR=... with falsy values',
      hadolint: true,
      dockerfile: ['RUN PIP_NO_CACHE_DIR=false pip install MySQL_python'],
      ours: false,
      why: 'pip turns the cache off for any boolean PIP_NO_CACHE_DIR, "0" and "false" too (cmdoptions._handle_no_cache_dir).',
    },
    {
      name: 'respect RUN export PIP_NO_CACHE_DIR=... with falsy values',
      hadolint: true,
      dockerfile: ['RUN export PIP_NO_CACHE_DIR=0 && pip install MySQL_python'],
      ours: false,
      why: 'pip turns the cache off for any boolean PIP_NO_CACHE_DIR, "0" and "false" too (cmdoptions._handle_no_cache_dir).',
    },
    {
      name: 'respect RUN export PIP_NO_CACHE_DIR=... with falsy values',
      hadolint: true,
      dockerfile: ['RUN export PIP_NO_CACHE_DIR=off && pip install MySQL_python'],
      ours: false,
      why: 'pip turns the cache off for any boolean PIP_NO_CACHE_DIR, "0" and "false" too (cmdoptions._handle_no_cache_dir).',
    },
    {
      name: 'respect RUN export PIP_NO_CACHE_DIR=... with falsy values',
      hadolint: true,
      dockerfile: ['RUN export PIP_NO_CACHE_DIR=no && pip install MySQL_python'],
      ours: false,
      why: 'pip turns the cache off for any boolean PIP_NO_CACHE_DIR, "0" and "false" too (cmdoptions._handle_no_cache_dir).',
    },
    {
      name: 'respect RUN export PIP_NO_CACHE_DIR=... with falsy values',
      hadolint: true,
      dockerfile: ['RUN export PIP_NO_CACHE_DIR=false && pip install MySQL_python'],
      ours: false,
      why: 'pip turns the cache off for any boolean PIP_NO_CACHE_DIR, "0" and "false" too (cmdoptions._handle_no_cache_dir).',
    },
    {
      name: "don't trigger if PIP_NO_CACHE_DIR is inherited",
      hadolint: false,
      dockerfile: [
        'FROM debian:buster as base',
        'ENV PIP_NO_CACHE_DIR=1',
        'FROM base',
        'RUN pip install six',
      ],
    },
    {
      name: 'trigger if PIP_NO_CACHE_DIR is not inherited',
      hadolint: true,
      dockerfile: [
        'FROM debian:buster as base',
        'ENV PIP_NO_CACHE_DIR=1',
        'FROM debian:buster',
        'RUN pip install six',
      ],
    },
    {
      name: 'ok with cache mount in cache dir',
      hadolint: false,
      dockerfile: ['RUN --mount=type=cache,target=/root/.cache/pip pip install foobar'],
    },
    {
      name: 'ok with cache mount in cache dir',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN --mount=type=cache,target=/root/.cache/pip pip install foobar'],
    },
    {
      name: 'ok with tmpfs mount in cache dir',
      hadolint: false,
      dockerfile: ['RUN --mount=type=tmpfs,target=/root/.cache/pip pip install foobar'],
    },
    {
      name: 'ok with tmpfs mount in cache dir',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN --mount=type=tmpfs,target=/root/.cache/pip pip install foobar'],
    },
  ],
});
