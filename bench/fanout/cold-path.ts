// What running after an idle gap costs on this machine: the product's post renderer (Markdown and
// sanitising, dist/) and bare markdown-it (the baseline) rendering a benchmark post's body, each
// call timed back to back (hot) and one call every --gap-ms (paced, as posts at 40/s arrive).
// Synchronous calls, timed by the wall clock (the kernel's CPU accounting is per tick). Prints JSON.
//
//   npm run build && taskset -c 1 node -r ts-node/register/transpile-only bench/fanout/cold-path.ts [--calls 400] [--gap-ms 25]
import path from 'node:path';
import { parseArgs } from 'node:util';
import MarkdownIt from 'markdown-it';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '400' },
    'gap-ms': { type: 'string', default: '25' },
  },
});
const calls = Number(values.calls);
const gapMs = Number(values['gap-ms']);
if (!(calls >= 10 && calls <= 100_000) || !(gapMs >= 1 && gapMs <= 1000)) {
  throw new Error('--calls 10..100000, --gap-ms 1..1000');
}

// The body bench/fanout posts (a marker and 200 bytes of filler).
const filler = 'lorem ipsum '.repeat(17).slice(0, 200);
const body = (i: number) => `m${i} ${filler}`;

type Render = (markdown: string) => string;

function productRenderer(): Render {
  const file = path.join(__dirname, '../../dist/apps/api/src/common/markdown/post-renderer.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PostRenderer } = require(file) as typeof import('../../apps/api/src/common/markdown/post-renderer');
  const renderer = new PostRenderer();
  const names = new Map<string, string>();
  return (markdown) => renderer.parse(markdown).render(names).html;
}

function bareRenderer(): Render {
  const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
  return (markdown) => md.render(markdown);
}

function timed(render: Render, i: number): number {
  const start = process.hrtime.bigint();
  render(body(i));
  return Number(process.hrtime.bigint() - start) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Back to back, after enough calls for the optimising compiler to have settled (5,000). */
function hot(render: Render): number {
  for (let i = 0; i < 5000; i += 1) timed(render, i);
  return median(Array.from({ length: 2000 }, (_, i) => timed(render, i)));
}

function paced(render: Render): Promise<number> {
  const times: number[] = [];
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      times.push(timed(render, times.length));
      if (times.length === calls) {
        clearInterval(timer);
        resolve(median(times));
      }
    }, gapMs);
  });
}

async function measure(render: Render) {
  const hotUs = hot(render); // also the paced run's warm-up: both time the same optimised code
  const pacedUs = await paced(render);
  return { hotUs: round(hotUs), pacedUs: round(pacedUs), pacedOverHot: round(pacedUs / hotUs) };
}

const round = (x: number) => Math.round(x * 100) / 100;

async function main(): Promise<void> {
  const bare = await measure(bareRenderer());
  const product = await measure(productRenderer());
  console.log(
    JSON.stringify(
      {
        config: { calls, gapMs, bodyBytes: body(0).length },
        bareMarkdownIt: bare,
        productRenderer: product,
        productOverBare: {
          hot: round(product.hotUs / bare.hotUs),
          paced: round(product.pacedUs / bare.pacedUs),
        },
      },
      null,
      2,
    ),
  );
}

void main();
