# syntax=docker/dockerfile:1
# Stage 1: the full toolchain checks the code (typecheck) so a broken build never ships.
FROM node:20-bookworm-slim AS check
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsc --noEmit

# Stage 2: production dependencies only.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Stage 3: the runtime image, as the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 OPS_PORT=9464
# The digest chart draws Chinese (and Latin) text with WenQuanYi Micro Hei (src/chart/fonts.ts).
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-wqy-microhei \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
# package.json comes from the check stage so that BuildKit cannot skip the typecheck.
COPY --from=check --chown=node:node /app/package.json ./
COPY --chown=node:node tsconfig.json manifest.yml ./
COPY --chown=node:node src ./src
COPY --chown=node:node commands ./commands
COPY --chown=node:node jobs ./jobs
COPY --chown=node:node scripts ./scripts
USER node
# 3000 faces Slack; 9464 (/metrics, /admin/queues) is for the operators' network only.
EXPOSE 3000 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# tsx runs the TypeScript sources directly; SIGTERM reaches node, which drains jobs and closes Redis.
CMD ["node", "--import", "tsx", "src/main.ts"]
