# syntax=docker/dockerfile:1
# Stage 1: the full toolchain typechecks the code, so a broken build never ships, and bundles it
# into dist/ (npm run build: tsc --noEmit, then scripts/build.ts).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Stage 2: production dependencies only (no tsx, no esbuild, nothing the tests or local mode use).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Stage 3: the runtime image, as the unprivileged `node` user: the bundle, its packages, the manifest.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 OPS_PORT=9464
# The digest chart draws Chinese (and Latin) text with WenQuanYi Micro Hei (src/chart/fonts.ts).
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-wqy-microhei \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json manifest.yml ./
COPY --from=build --chown=node:node /app/dist ./dist
USER node
# 3000 faces Slack; 9464 (/metrics, /admin/queues) is for the operators' network only.
EXPOSE 3000 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node is the container's main process (exec form, no shell or npm in between), so SIGTERM reaches
# it: it lets in-flight jobs finish and closes Redis. The two V8 settings keep the heap near what the
# process really holds (semi-spaces half the default size; the heap grown by at most half of what
# survives a full collection): under load, web and worker peak some 90 MB lower (docs/performance.md,
# "Production build: memory"). dist/ keeps its source maps: NODE_OPTIONS=--enable-source-maps makes
# stack traces name the TypeScript files, for up to 15 MB more.
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=50", "dist/main.js"]
