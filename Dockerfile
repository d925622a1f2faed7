# syntax=docker/dockerfile:1
# tim-account-mock: build with `docker build -t tim-account-mock .`, run with
# `docker run --rm -p 8080:8080 tim-account-mock [flags]`: arguments go to the CLI, so both
# `--port 9000` and `-e PORT=9000` work (see docs/install.md), and `usersig ...` prints a UserSig.

# Build stage: with the dev dependencies, bundle the TypeScript (esbuild: dist/cli.js,
# dist/index.js, dist/healthcheck.js, npm packages left as imports) and emit its declarations.
# The dependencies are installed before the sources are copied, so that their layer is reused
# when only the sources change; the build (the package's prepare script) runs once they are in.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime stage: production dependencies and the bundles only, as an unprivileged user.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY fixtures ./fixtures
# A place for the state file (-e TIM_STATE_FILE=/data/state.json -v tim-state:/data), writable
# by the node user and, through group 0, by any UID the container is run as (docker run --user
# 12345, OpenShift's arbitrary UIDs, which always come with group 0).
RUN mkdir -p /data && chown node:0 /data && chmod g=u /data
USER node
# 8443: the HTTPS listener when TIM_HTTPS_PORT=8443 (docker run -p 443:8443 puts it at the vendor's port).
EXPOSE 8080 8443
# node itself, since the slim image has no curl; the script reads the same PORT and HOST, and
# the flags given to the entrypoint. A check every 2 s, so that a ready container is healthy within
# about 2 s on every engine: --start-interval (frequent checks only while starting) needs Engine 25,
# and Engine 20.10 (Debian 12's docker.io) refuses a Dockerfile that names it.
HEALTHCHECK --interval=2s --timeout=3s --start-period=30s --retries=5 CMD ["node", "dist/healthcheck.js"]
# SIGTERM (docker stop) drains in-flight requests for at most 5 s, within docker's 10 s grace.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "--expose-gc", "dist/cli.js"]
