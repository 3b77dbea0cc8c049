# syntax=docker/dockerfile:1
#
# Rekisteri API image: multi-stage, Node 24 from the official image, runs as the non-root `node` user.
#
#   docker build -t rekisteri .
#   docker run --rm -p 3000:3000 -e NODE_ENV=production -e DATABASE_URL=postgres://... \
#     -e SESSION_SECRET=... -e PLATFORM_ADMIN_EMAIL=... -e PLATFORM_ADMIN_PASSWORD=... rekisteri
#
# Meant for an external PostgreSQL (DATABASE_URL). The CLI is in the same image:
#   docker compose run --rm api node dist/apps/cli/src/main.js migrate

# Pin further (a patch version such as node:24.21.0-bookworm-slim, or an @sha256 digest) for reproducible builds.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
# No npm update banner, funding or audit chatter; no install-time analytics (@scarf/scarf, via swagger-ui-dist).
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    SCARF_ANALYTICS=false

# ---------------------------------------------------------------------------------------------------------------
# Builder: all dependencies (dev included) and `npm run build` -> dist/ (api and cli).
FROM base AS build
COPY package.json package-lock.json ./
# --ignore-scripts: building needs no install script. It also keeps the `node` devDependency (the project's own
# Node 24 binary for machines without one) from downloading a second Node: the image already has Node 24.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts
# The sources (.dockerignore keeps node_modules, dist, .data, .git, .env out of the context).
COPY . .
RUN npm run build \
 && test -f dist/apps/api/src/main.js \
 && test -f dist/apps/cli/src/main.js

# ---------------------------------------------------------------------------------------------------------------
# Production dependencies only, in their own stage so the npm cache never reaches the final image.
FROM base AS prod-deps
COPY package.json package-lock.json ./
# Optional dependencies stay: the API never starts the embedded PostgreSQL when DATABASE_URL is set, but
# `embedded-postgres` is imported at startup and starts `import('@embedded-postgres/<platform>')` at module load;
# without that package the rejected import is unhandled and kills the process (~60 MB kept for that reason).
# Install scripts run: argon2's finds its prebuilt glibc binary (linux-x64 and linux-arm64 ship in the package, so
# no compiler is needed), @embedded-postgres/<platform>'s restores its symlinks. npm 11 honours the `false` entries
# of package.json's allowScripts (@scarf/scarf); older npm runs that one too, and SCARF_ANALYTICS=false mutes it.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev

# ---------------------------------------------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data
# Code and dependencies stay owned by root (read-only to the app); only DATA_DIR is writable by `node`.
# DATA_DIR holds the .eml outbox when SMTP_URL is unset; mount a volume there to keep it.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# No curl in slim images: Node's fetch. /api/health answers 200 only when the database answers too.
# The start period leaves room for the migrations that run at boot.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
