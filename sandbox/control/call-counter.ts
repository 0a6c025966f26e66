import { type EndpointName, endpointNames } from './endpoint-names.ts';

export type CallCounts = Record<EndpointName, number>;

/** Counts requests per endpoint, faulted ones included: they reached the server. */
export class CallCounter {
  #counts = emptyCounts();

  record(endpoint: EndpointName): void {
    this.#counts[endpoint] += 1;
  }

  snapshot(): CallCounts {
    return { ...this.#counts };
  }

  reset(): void {
    this.#counts = emptyCounts();
  }
}

function emptyCounts(): CallCounts {
  return Object.fromEntries(endpointNames.map((name) => [name, 0])) as CallCounts;
}
