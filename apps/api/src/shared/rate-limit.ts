/**
 * Route config for a write limited per caller (token), not per address: a whole ЦНАП or a household
 * shares one IP. Such writes (votes, identity) change no page visitors see, so they leave the public
 * cache alone. Inert when RATE_LIMITS=off (the plugin is not registered).
 */
export const perCaller = (max: number) => ({
  keepsPublicCache: true,
  rateLimit: {
    max,
    timeWindow: '1 minute',
    keyGenerator: (r: { headers: { authorization?: string }; ip: string }) => r.headers.authorization ?? r.ip,
  },
});
