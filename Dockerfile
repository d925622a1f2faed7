# syntax=docker/dockerfile:1
# tim-account-mock: build with `docker build -t tim-account-mock .`, run with
# `docker run --rm -p 8080:8080 tim-account-mock`. Every CLI setting is also an environment
# variable (PORT, TIM_SDKAPPID, TIM_SECRET_KEY, TIM_STATE_FILE, ...): see docs/settings.md.

# Build stage: with the dev dependencies, bundle the TypeScript (esbuild: dist/cli.js,
# dist/index.js, dist/healthcheck.js, npm packages left as imports) and emit its declarations.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime stage: production dependencies and the bundles only, as an unprivileged user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY fixtures ./fixtures
# A place the node user may write the state file to: -e TIM_STATE_FILE=/data/state.json -v tim-state:/data
RUN mkdir -p /data && chown node:node /data
USER node
# 8443: the HTTPS listener when TIM_HTTPS_PORT=8443 (docker run -p 443:8443 puts it at the vendor's port).
EXPOSE 8080 8443
# node itself, since the slim image has no curl; the script reads the same PORT and HOST.
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 CMD ["node", "dist/healthcheck.js"]
# SIGTERM (docker stop) drains in-flight requests for at most 5 s, within docker's 10 s grace.
STOPSIGNAL SIGTERM
CMD ["node", "dist/cli.js"]
