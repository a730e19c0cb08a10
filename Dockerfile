# syntax=docker/dockerfile:1
# One image for the api, the worker and the one-shot migrate job (docker-compose.yml picks the
# command). Build stage: full install, compile, bundle the workflows, then drop dev dependencies.
# Node 24, an LTS line (package.json's engines: >=22.12; Node 20 is past its end of life).
FROM node:24-bookworm-slim AS build
WORKDIR /app
# package.json's allowScripts (which install scripts may run) needs a recent npm 11; pin the one CI uses.
RUN npm install -g npm@11.19.1 --no-audit --no-fund
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY workflows workflows
COPY scripts scripts
COPY config config
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/config config
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
