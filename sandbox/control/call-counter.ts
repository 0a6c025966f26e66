import { type EndpointName, endpointNames } from './endpoint-names.ts';

export type CallCounts = Record<EndpointName, number>;

/** Counts requests per endpoint, faulted ones included: they reached the server. */
export class CallCounter {
  #counts = emptyCounts();
  #lastQueries = new Map<EndpointName, string>();

  record(endpoint: EndpointName, query = ''): void {
    this.#counts[endpoint] += 1;
    this.#lastQueries.set(endpoint, query);
  }

  /** The query string (without "?") of the endpoint's last request: what a client asked for. */
  lastQuery(endpoint: EndpointName): string | undefined {
    return this.#lastQueries.get(endpoint);
  }

  snapshot(): CallCounts {
    return { ...this.#counts };
  }

  reset(): void {
    this.#counts = emptyCounts();
    this.#lastQueries.clear();
  }
}

function emptyCounts(): CallCounts {
  return Object.fromEntries(endpointNames.map((name) => [name, 0])) as CallCounts;
}
