// The few host APIs the engine uses, present in every place it runs (Web Worker, browsers, Node ≥ 18).
// Declared here because the engine compiles without the DOM lib and without Node types on purpose.
declare function atob(data: string): string;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
