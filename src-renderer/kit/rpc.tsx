// The renderer's data: every call of the contract is a query or a mutation of react-query, keyed
// by its method and input. A page declares what it reads (`useRpc`) and what a change makes stale
// (`useRpcMutation(…, { invalidates })`); pending and error states, caching and the dropping of
// replies that arrive after the user moved on are react-query's, in one place.
import {
  QueryClient,
  QueryClientProvider,
  useMutation,
  useQuery,
  useQueryClient,
  type UseQueryOptions,
} from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { InputOf, MethodName, OutputOf } from '../../src-main/contract';
import { ApiError, call } from '../api';
import { failed } from '../notify';

export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A desktop app over a local database: no refetch on focus, one retry only for a lost
      // connection to the harness, never for a refusal (it would only be refused again).
      queries: {
        refetchOnWindowFocus: false,
        retry: (n, e) => n < 1 && e instanceof ApiError && e.code === 'offline',
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}

const defaultClient = newQueryClient();

export function RpcProvider({ children, client = defaultClient }: { children: ReactNode; client?: QueryClient }) {
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/** The query key of a call: its method, then its input. Invalidating `[method]` refetches every input. */
export const rpcKey = <M extends MethodName>(method: M, input?: InputOf<M>) =>
  input === undefined ? [method] : [method, input];

/**
 * Reads `method(input)`. `enabled: false` (or input `null`) waits, e.g. until an id is known.
 * The reply of an input the page has moved away from is never shown.
 */
export function useRpc<M extends MethodName>(
  method: M,
  input: InputOf<M> | null,
  options: Omit<UseQueryOptions<OutputOf<M>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<OutputOf<M>, ApiError>({
    queryKey: rpcKey(method, input ?? undefined),
    queryFn: () => call(method, input as InputOf<M>),
    ...options,
    enabled: input !== null && (options.enabled ?? true),
  });
}

export interface RpcMutationOptions<M extends MethodName> {
  /** The methods whose replies this change makes stale: refetched after it succeeds. */
  invalidates?: MethodName[];
  onSuccess?: (value: OutputOf<M>, input: InputOf<M>) => void;
  /** Errors show as a notification unless the page handles them itself. */
  onError?: (e: ApiError, input: InputOf<M>) => void;
}

/** Changes something through `method`; afterwards only what it declared stale is read again. */
export function useRpcMutation<M extends MethodName>(method: M, options: RpcMutationOptions<M> = {}) {
  const client = useQueryClient();
  return useMutation<OutputOf<M>, ApiError, InputOf<M>>({
    mutationFn: (input) => call(method, input),
    onSuccess: async (value, input) => {
      await Promise.all((options.invalidates ?? []).map((m) => client.invalidateQueries({ queryKey: [m] })));
      options.onSuccess?.(value, input);
    },
    onError: (e, input) => (options.onError ? options.onError(e, input) : failed(e)),
  });
}
