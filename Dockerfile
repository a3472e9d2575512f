# The platform in one image: the compiled API and the built web app on one port.
#   docker build -t byudzhet-uchasti .
#   docker run -p 3000:3000 -e DATABASE_URL=... -e JWT_SECRET=... -e VOTER_KEY_SECRET=... byudzhet-uchasti
# Node 22: the maintained LTS line. bookworm-slim: glibc, which @node-rs/argon2's prebuilt binary needs.
ARG NODE_IMAGE=node:22-bookworm-slim

# --- build: every dependency (dev ones too), then `pnpm build` and a production-only copy of the API
FROM ${NODE_IMAGE} AS build
ENV CI=true
# pnpm through npm, at the version package.json names (corepack would fetch it at run time instead).
RUN npm install --global pnpm@10.34.9 && npm cache clean --force
WORKDIR /src
# Manifests first: the install layer is reused until a manifest or the lockfile changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json tsconfig.base.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/shared/package.json packages/shared/
COPY packages/tally/package.json packages/tally/
COPY packages/testkit/package.json packages/testkit/
RUN pnpm install --frozen-lockfile
COPY . .
# apps/web/dist (with .br and .gz beside each text asset) and apps/api/dist (server, cli, workers,
# migrations; @bu/shared and @bu/tally bundled in).
RUN pnpm build
# @bu/api's package.json "files" (bin, dist, scripts) and its production dependencies only: no tsx,
# esbuild, vite or vitest. --legacy: the workspace does not inject its packages, and the bundle does
# not need them anyway.
RUN pnpm --filter @bu/api deploy --prod --legacy /out/api \
  && cp -r apps/web/dist /out/web

# --- runtime: plain node on compiled JavaScript, as an unprivileged user
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    WEB_DIST=/app/web
WORKDIR /app
# The code stays owned by root and read-only to the app; only DATA_DIR is writable.
COPY --from=build /out/api /app
COPY --from=build /out/web /app/web
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# /api/health checks the database too: an instance that lost it is reported unhealthy.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM goes straight to node (exec form, no shell), which drains requests and closes the pool.
CMD ["node", "dist/server.js"]
