# One image for both processes (web and worker); docker-compose.yml picks the command.
# Node 22: the AWS SDK drops Node 20 support (ENVIRONMENT.md).
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY scripts/prisma.mjs scripts/prisma.mjs
COPY prisma prisma
COPY prisma.config.ts ./
# npm install, not npm ci: see README "Why npm install".
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
RUN groupadd --system packline && useradd --system --gid packline --home /app packline
COPY --from=build --chown=packline:packline /app /app
USER packline
EXPOSE 3000
CMD ["npm", "run", "start"]
