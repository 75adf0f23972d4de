// Copies the files the compiled code reads at runtime next to it in dist/ (tsc only emits .js):
// the Redis store's Lua scripts, the demo assistant's schema and the simulator page's static files.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ASSETS = [
  { dir: 'store/redis/lua', suffix: '.lua' },
  { dir: 'demo', suffix: '.json' },
  { dir: 'simulator/public', suffix: '.html' },
  { dir: 'simulator/public', suffix: '.js' },
  { dir: 'simulator/public', suffix: '.css' },
];

for (const { dir, suffix } of ASSETS) {
  const from = join('src', dir);
  const to = join('dist', dir);
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from).filter((name) => name.endsWith(suffix))) copyFileSync(join(from, file), join(to, file));
}
