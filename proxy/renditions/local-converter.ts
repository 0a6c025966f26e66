// Conversions in this process's converter pool (the embedded default). Replicas sharing Redis and
// the rendition store convert each original once: the replica that takes the Redis lock converts,
// the others wait for its rendition to appear in the store (proxy/cache/shared-flight.ts).
import type { ConverterName } from '../../core/renditions.ts';
import type { SharedFlight } from '../cache/shared-flight.ts';
import type { ConverterPool } from './converter-pool.ts';
import type { Conversion, ConversionRequest, RenditionConverter } from './rendition-converter.ts';
import { partFactsKey, type RenditionStore } from './rendition-store.ts';

export class LocalConverter implements RenditionConverter {
  constructor(
    private readonly pool: ConverterPool,
    private readonly store: RenditionStore,
    /** Converts each original once across replicas (a Redis lock when Redis is configured). */
    private readonly flights: SharedFlight,
  ) {}

  async init(): Promise<void> {}

  version(converter: ConverterName): string | undefined {
    return this.pool.version(converter);
  }

  async convert({ key, original }: ConversionRequest): Promise<Conversion> {
    const stored = async () => ((await this.store.find(key)) ? key : undefined);
    // Requests sharing the flight share its result; only the one whose work ran converted.
    let converted = false;
    await this.flights.run(`rendition:${key}`, stored, async () => {
      converted = true;
      const made = await original.convert();
      // A part's facts first: whoever finds the part finds them too.
      if (made.facts) await this.store.put(partFactsKey(key), made.facts);
      await this.store.put(key, made.path);
      return key;
    });
    return { key, converted };
  }

  async close(): Promise<void> {
    this.pool.close();
  }
}
