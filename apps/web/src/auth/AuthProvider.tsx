import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, Role, User } from '@bu/shared';
import { api, ApiError, tokenStore } from '../api';
import { queryKeys } from '../api/queries';

interface AuthState {
  user: User | null;
  /** True while a stored token is being checked against GET /api/me. */
  checking: boolean;
  signIn: (body: LoginBody) => Promise<User>;
  /** Completes a sign-in through the identity provider: the callback's one-time ticket for a token. */
  signInWithTicket: (ticket: string) => Promise<User>;
  signOut: () => void;
  hasRole: (role: Role) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState<string | null>(() => tokenStore.get());

  const me = useQuery({
    queryKey: queryKeys.me(token),
    queryFn: async () => (await api.me()).user,
    enabled: token !== null,
    retry: false,
    staleTime: 60_000,
  });

  // An expired or revoked token is dropped rather than sent with every request.
  useEffect(() => {
    if (me.error instanceof ApiError && me.error.status === 401) {
      tokenStore.set(null);
      setToken(null);
    }
  }, [me.error]);

  const signIn = useCallback(
    async (body: LoginBody) => {
      const { token: next, user } = await api.login(body);
      tokenStore.set(next);
      queryClient.setQueryData(queryKeys.me(next), user);
      setToken(next);
      return user;
    },
    [queryClient],
  );

  const signInWithTicket = useCallback(
    async (ticket: string) => {
      const { token: next, user } = await api.oidcTicket(ticket);
      tokenStore.set(next);
      queryClient.setQueryData(queryKeys.me(next), user);
      // Linking changed the identity of the signed-in account: what was read before is stale.
      await queryClient.invalidateQueries({ queryKey: ['votes', 'mine'] });
      setToken(next);
      return user;
    },
    [queryClient],
  );

  const signOut = useCallback(() => {
    tokenStore.set(null);
    setToken(null);
    queryClient.removeQueries({ queryKey: ['me'] });
  }, [queryClient]);

  const value = useMemo<AuthState>(() => {
    const user = token ? (me.data ?? null) : null;
    return {
      user,
      checking: token !== null && me.isPending,
      signIn,
      signInWithTicket,
      signOut,
      hasRole: (role) => user?.roles.includes(role) ?? false,
    };
  }, [token, me.data, me.isPending, signIn, signInWithTicket, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
