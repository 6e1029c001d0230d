// What else the machine was doing during the benchmark: the 1-minute load average and whether
// other benchmarks or jest workers were running, sampled every 5 s (names only, from /proc).
import fs from 'node:fs';
import os from 'node:os';
import { round } from './stats';

const WATCHED = { fanoutBench: 'bench/fanout', jestWorkers: 'jest-worker' } as const;

function countProcesses(): Record<keyof typeof WATCHED, number> {
  const counts = { fanoutBench: 0, jestWorkers: 0 };
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    for (const [key, needle] of Object.entries(WATCHED) as [keyof typeof WATCHED, string][])
      if (cmdline.includes(needle)) counts[key] += 1;
  }
  return counts;
}

export function machineMonitor(): { stop: () => Record<string, unknown> } {
  const loads: number[] = [];
  const seen = { fanoutBench: 0, jestWorkers: 0 };
  let samples = 0;
  const sample = () => {
    samples += 1;
    loads.push(os.loadavg()[0]);
    const counts = countProcesses();
    if (counts.fanoutBench > 0) seen.fanoutBench += 1;
    if (counts.jestWorkers > 0) seen.jestWorkers += 1;
  };
  sample();
  const timer = setInterval(sample, 5000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return {
        samples,
        loadavg1: {
          min: round(Math.min(...loads), 2),
          mean: round(loads.reduce((a, b) => a + b, 0) / loads.length, 2),
          max: round(Math.max(...loads), 2),
        },
        samplesWithFanoutBenchRunning: seen.fanoutBench,
        samplesWithJestWorkersRunning: seen.jestWorkers,
      };
    },
  };
}
