/*
 * Auth.Credentials: the engine asks for a registry's username and secret when a FROM image (or
 * cache import) needs them (moby/buildkit session/auth/auth.go CredentialsFunc). The engine first
 * tries GetTokenAuthority; this client does not serve it, so the engine falls back to fetching
 * registry tokens itself with these credentials (util/resolver/authorizer.go).
 */
import { GrpcError, GrpcStatus, readUnaryRequest, type GrpcHandler } from './grpc-server';
import { sessionMethod } from './session-protos';
import { DOCKER_HUB_KEY } from '../../shared/registry/registry-name';

/** A registry login as the Credentials call returns it; `secret` is a password or an identity token. */
export interface RegistryCredentials {
  username: string;
  secret: string;
}

/**
 * Looks up the saved login for a registry host as the engine names it (`registry:5000`,
 * `registry-1.docker.io` for Docker Hub); null when there is none. Failures should be null too:
 * the engine then pulls anonymously and reports the registry's own refusal.
 */
export type CredentialLookup = (
  host: string,
) => Promise<RegistryCredentials | null> | RegistryCredentials | null;

/** The host the engine asks Docker Hub's credentials for (the CLI's config keeps them under DOCKER_HUB_KEY). */
const DOCKER_HUB_HOST = 'registry-1.docker.io';

/**
 * The config.json key to look up for an engine host: Docker Hub's login lives under its index URL
 * (docker/cli's authprovider does the same mapping).
 */
export function credentialKeyOf(host: string): string {
  return host === DOCKER_HUB_HOST ? DOCKER_HUB_KEY : host;
}

/** The Auth handlers; `hosts` records every host the engine asked about (for tests and the log). */
export function authHandlers(lookup: CredentialLookup, hosts?: string[]): Map<string, GrpcHandler> {
  const credentials = sessionMethod('/moby.filesync.v1.Auth/Credentials');
  return new Map<string, GrpcHandler>([
    [
      credentials.path,
      async (call) => {
        const request = credentials.requestType.toObject(
          credentials.requestType.decode(await readUnaryRequest(call)),
          {
            defaults: true,
          },
        ) as { Host: string };
        hosts?.push(request.Host);
        let found: RegistryCredentials | null;
        try {
          found = await lookup(request.Host);
        } catch (error) {
          throw new GrpcError(
            GrpcStatus.UNAVAILABLE,
            `credentials for ${request.Host}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        const response = found ? { Username: found.username, Secret: found.secret } : {};
        await call.send(credentials.responseType.encode(credentials.responseType.create(response)).finish());
      },
    ],
  ]);
}
