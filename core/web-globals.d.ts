// The core compiles without DOM or Node types so it cannot reach for either. The WHATWG URL class
// is the one platform global it uses: identical in browsers and Node.
declare class URL {
  constructor(input: string, base?: string);
  readonly protocol: string;
  readonly hostname: string;
  readonly host: string;
  readonly port: string;
  readonly username: string;
  readonly password: string;
}
