import { describe, expect, it } from 'vitest';
import {
  imageFamily,
  isServiceImage,
  parseImageName,
  setsNonRootUser,
} from '../../../../../src/shared/dockerfile/lint/image-family';

describe('imageFamily', () => {
  it.each([
    ['python:3.12-slim', 'debian'],
    ['python:3.12', 'debian'],
    ['python:3.12-alpine3.20', 'alpine'],
    ['ubuntu:24.04', 'debian'],
    ['eclipse-temurin:21-jre', 'debian'],
    ['docker.io/library/node:22-bookworm-slim', 'debian'],
    ['127.0.0.1:5000/python:3.12-slim', 'debian'],
    ['alpine:3.20', 'alpine'],
    ['busybox:1.36', 'busybox'],
    ['dw-test/busybox:latest', 'busybox'],
    ['gcr.io/distroless/static-debian12:nonroot', 'distroless'],
    ['scratch', 'scratch'],
    ['me/private-base:1', 'unknown'],
  ])('%s is %s', (image, family) => {
    expect(imageFamily(image)).toBe(family);
  });
});

describe('image names', () => {
  it('splits registry, path, tag and digest', () => {
    expect(parseImageName('localhost:5000/team/app:1.0@sha256:abc')).toEqual({
      path: 'team/app',
      name: 'app',
      tag: '1.0',
      digest: 'sha256:abc',
    });
  });

  it('knows the official server images and the images that promise a non-root user', () => {
    expect(isServiceImage('postgres:16')).toBe(true);
    expect(isServiceImage('php:8.3-apache')).toBe(true);
    expect(isServiceImage('php:8.3-cli')).toBe(false);
    expect(isServiceImage('someone/postgres:16')).toBe(false);
    expect(setsNonRootUser('nginxinc/nginx-unprivileged:1.27-alpine')).toBe(true);
    expect(setsNonRootUser('gcr.io/distroless/base-debian12:nonroot')).toBe(true);
    expect(setsNonRootUser('nginx:1.27')).toBe(false);
  });
});
