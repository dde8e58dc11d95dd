import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import decode, { init } from '@jsquash/webp/decode.js';
import type { WebpDecoder } from '../core/market/photos.js';

let ready: Promise<void> | undefined;

/** Node's WebAssembly global (the project's type libraries leave it out). */
const { WebAssembly: wasmRuntime } = globalThis as unknown as {
  WebAssembly: { compile(bytes: Uint8Array): Promise<Parameters<typeof init>[0]> };
};

/**
 * The codec's WebAssembly: beside the bundle in Lambda (the route's bundledFiles, WEBP_DECODER_WASM), in the
 * package when the source runs unbundled (locally, in tests).
 */
async function wasmBytes(): Promise<Uint8Array> {
  try {
    return await readFile(fileURLToPath(new URL('./webp_dec.wasm', import.meta.url)));
  } catch {
    return readFile(createRequire(import.meta.url).resolve('@jsquash/webp/codec/dec/webp_dec.wasm'));
  }
}

/**
 * WebP decoding with @jsquash/webp's WASM codec (libwebp). Emscripten's loader would fetch() the .wasm by
 * URL, which Node cannot; it is compiled here from the file, once per process.
 */
export const webpDecoder: WebpDecoder = async (bytes) => {
  ready ??= wasmBytes()
    .then((wasm) => wasmRuntime.compile(wasm))
    .then((module) => init(module));
  await ready;
  const image = await decode(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return { width: image.width, height: image.height, data: new Uint8Array(image.data.buffer) };
};
