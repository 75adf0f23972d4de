# Parley engine image: build with dev dependencies, run with production ones only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY actions-schema ./actions-schema
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY actions-schema ./actions-schema
USER node
EXPOSE 3000
# A larger young generation: a turn allocates a lot of short-lived objects (docs/operations.md).
CMD ["node", "--max-semi-space-size=64", "dist/main.js"]
