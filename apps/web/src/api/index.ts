import { createApiClient } from './client';

const TOKEN_KEY = 'bu.token';

/** The bearer token lives in localStorage so that a reload keeps the person signed in. */
export const tokenStore = {
  get: (): string | null => {
    try {
      return localStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set: (token: string | null) => {
    try {
      if (token) localStorage.setItem(TOKEN_KEY, token);
      else localStorage.removeItem(TOKEN_KEY);
    } catch {
      // Private mode without storage: the session lasts until the tab closes.
    }
  },
};

export const api = createApiClient({ getToken: tokenStore.get });
export { ApiError } from './errors';
