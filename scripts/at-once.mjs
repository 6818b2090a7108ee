// Runs npm scripts at the same time and fails if any of them fails: `node scripts/at-once.mjs
// typecheck lint`. Each tsc or ESLint run is one thread, so on a two-core machine two of them
// checking at once take about half the time of one after the other. Each script's output is
// printed whole when it ends, not interleaved with the others'.
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
const npm = process.env.npm_execpath;
const runs = scripts.map(
  (name) =>
    new Promise((resolve) => {
      // Through the npm that started us when there is one (its path is in npm_execpath), else npm on PATH.
      const [command, args] = npm
        ? [process.execPath, [npm, 'run', '--silent', name]]
        : ['npm', ['run', '--silent', name]];
      const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('close', (code) => {
        process.stdout.write(`> ${name}${code === 0 ? '' : ` failed (exit ${code})`}\n${output}`);
        resolve(code === 0);
      });
    }),
);
const passed = await Promise.all(runs);
process.exit(passed.every(Boolean) ? 0 : 1);
