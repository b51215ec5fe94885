import type Docker from 'dockerode';
import { makeContext } from './build-fixtures';
import { dockerCli } from './docker-cli';
import { ensurePythonStandIn } from './stand-in-images';

/** The builder image the wizard's Go template asks for when go.mod says `go 1.19`. */
export const GO_STAND_IN = 'golang:1.19-alpine';
/** The final image the wizard's Go template asks for by default. */
export const ALPINE_STAND_IN = 'alpine:3.20';
/** What the two stand-ins hold; a new value rebuilds them. */
const STAND_IN_LABEL = 'dev.dockwright.stand-in';
const STAND_IN_VERSION = 'go-1.19-alpine-3.20-1';

/**
 * Stand-ins, in the PRIVATE test engine only, for the two images the wizard's Go template names:
 * Go 1.19 from Debian's golang-go on the Debian stand-in (apt against the machine's mirror) as
 * `golang:1.19-alpine`, and the busybox base with /etc/passwd, /etc/group and tiny
 * addgroup/adduser scripts (only the flags the template's user line passes) as `alpine:3.20`.
 * Like the Python stand-in they stay in the private engine, labelled with what they hold: the Go
 * one takes an apt install of the toolchain (most of a minute), and four test files ask for them.
 */
export async function ensureGoStandIns(docker: Docker, dockerHost: string, baseImage: string): Promise<void> {
  const current = await Promise.all(
    [GO_STAND_IN, ALPINE_STAND_IN].map((name) =>
      docker
        .getImage(name)
        .inspect()
        .then((image) => image.Config.Labels?.[STAND_IN_LABEL] === STAND_IN_VERSION)
        .catch(() => false),
    ),
  );
  if (current.every(Boolean)) return;
  const label = `${STAND_IN_LABEL}=${STAND_IN_VERSION}`;
  await ensurePythonStandIn(docker);
  const context = makeContext({
    'Go.Dockerfile': [
      'FROM python:3.11-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends golang-go && rm -rf /var/lib/apt/lists/*',
      `LABEL ${label}`,
      '',
    ].join('\n'),
    'Alpine.Dockerfile': [
      `FROM ${baseImage}`,
      'COPY addgroup adduser /usr/local/bin/',
      "RUN mkdir -p /etc && echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd && echo 'root:x:0:' > /etc/group && chmod +x /usr/local/bin/addgroup /usr/local/bin/adduser",
      `LABEL ${label}`,
      '',
    ].join('\n'),
    // `addgroup -S -g GID NAME`
    addgroup:
      '#!/bin/sh\ngid=\nwhile [ $# -gt 1 ]; do case "$1" in -g) gid=$2; shift 2;; *) shift;; esac; done\necho "$1:x:$gid:" >> /etc/group\n',
    // `adduser -S -D -H -u UID -G GROUP -s SHELL NAME`
    adduser:
      '#!/bin/sh\nuid=; group=; shell=/bin/sh\nwhile [ $# -gt 1 ]; do case "$1" in -u) uid=$2; shift 2;; -G) group=$2; shift 2;; -s) shell=$2; shift 2;; *) shift;; esac; done\ngid=$(grep "^$group:" /etc/group | cut -d: -f3)\necho "$1:x:$uid:$gid::/nonexistent:$shell" >> /etc/passwd\n',
  });
  for (const [file, name] of [
    ['Go.Dockerfile', GO_STAND_IN],
    ['Alpine.Dockerfile', ALPINE_STAND_IN],
  ] as const)
    await dockerCli(dockerHost, ['build', '-q', '-f', `${context}/${file}`, '-t', name, context]);
}

/** A Go module with one net/http server on :8080, as the wizard would detect it (`go 1.19`). */
export const GO_SERVER_FILES: Record<string, string> = {
  'go.mod': 'module example.com/hello\n\ngo 1.19\n',
  'main.go': [
    'package main',
    '',
    'import (',
    '\t"fmt"',
    '\t"net/http"',
    ')',
    '',
    'func main() {',
    '\thttp.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "hello") })',
    '\thttp.ListenAndServe(":8080", nil)',
    '}',
    '',
  ].join('\n'),
};

/** A single-stage Dockerfile for GO_SERVER_FILES: the toolchain and build cache ship in the image. */
export function singleStageGoDockerfile(label: string): string {
  return [
    `FROM ${GO_STAND_IN}`, // 1
    'WORKDIR /src', // 2
    'COPY . .', // 3
    'RUN go build -o /usr/local/bin/hello .', // 4
    'EXPOSE 8080', // 5
    'CMD ["/usr/local/bin/hello"]', // 6
    `LABEL ${label}`, // 7
    '',
  ].join('\n');
}
