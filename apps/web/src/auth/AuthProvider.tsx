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
  /**
   * Continues as the same person with a token the server has just issued (the password change ends
   * every earlier token and answers with the one that carries on), forgetting what the old session loaded.
   */
  continueWithToken: (token: string) => void;
  /** Ends the session on the server too, and forgets everything this person's session loaded. */
  signOut: () => Promise<void>;
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

  // An expired or revoked token is dropped rather than sent with every request; only this one, so
  // that an answer arriving late for a token already replaced (a password change) forgets nothing.
  useEffect(() => {
    if (me.error instanceof ApiError && me.error.status === 401 && tokenStore.get() === token) {
      tokenStore.set(null);
      setToken(null);
    }
  }, [me.error, token]);

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

  const continueWithToken = useCallback(
    (next: string) => {
      const user = token ? queryClient.getQueryData<User>(queryKeys.me(token)) : undefined;
      tokenStore.set(next);
      queryClient.clear();
      if (user) queryClient.setQueryData(queryKeys.me(next), user);
      setToken(next);
    },
    [queryClient, token],
  );

  const signOut = useCallback(async () => {
    // The server refuses this token from now on, so a copy left anywhere is worthless. Offline, the
    // token is still forgotten here: signing out never fails for the person at the desk.
    if (tokenStore.get()) await api.logout().catch(() => undefined);
    tokenStore.set(null);
    setToken(null);
    // A ЦНАП computer is shared: the next person must see nothing the previous one loaded (their
    // projects, votes, identity, staff pages), so every cached query goes, not only the account.
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo<AuthState>(() => {
    const user = token ? (me.data ?? null) : null;
    return {
      user,
      checking: token !== null && me.isPending,
      signIn,
      signInWithTicket,
      continueWithToken,
      signOut,
      hasRole: (role) => user?.roles.includes(role) ?? false,
    };
  }, [token, me.data, me.isPending, signIn, signInWithTicket, continueWithToken, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
