/** A link signing key for unit tests: key id `id`, a 32-byte secret filled with `fill`. */
export const key = (id: string, fill: number) => ({ id, secret: Buffer.alloc(32, fill) });
