// What the benchmarks report, shared by bench.ts and browser-bench.ts.

/** One printed figure: a value, and optionally its baseline, target and verdict. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  target?: string;
  pass?: boolean;
}

/** `n` rounded to `digits` decimal places. */
export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The middle value (the upper one of an even count): the proxy benches' summary of their rounds. */
export function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
}
