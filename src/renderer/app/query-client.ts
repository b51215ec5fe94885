import { QueryClient } from '@tanstack/react-query';

/** One client for the app: engine data is local and cheap, so no retries that would hide errors. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: true, staleTime: 2_000 },
      mutations: { retry: false },
    },
  });
}
