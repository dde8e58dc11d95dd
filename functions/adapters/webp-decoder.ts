import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import decode, { init } from '@jsquash/webp/decode.js';
import type { WebpDecoder } from '../core/market/photos.js';

let ready: Promise<void> | undefined;

/** Node's WebAssembly global (the project's type libraries leave it out). */
const { WebAssembly: wasmRuntime } = globalThis as unknown as {
  WebAssembly: { compile(bytes: Uint8Array): Promise<Parameters<typeof init>[0]> };
};

/**
 * WebP decoding with @jsquash/webp's WASM codec (libwebp). Emscripten's loader would fetch() the .wasm by
 * URL, which Node cannot; it is compiled here from the package's file, once per process.
 */
export const webpDecoder: WebpDecoder = async (bytes) => {
  ready ??= readFile(createRequire(import.meta.url).resolve('@jsquash/webp/codec/dec/webp_dec.wasm'))
    .then((wasm) => wasmRuntime.compile(wasm))
    .then((module) => init(module));
  await ready;
  const image = await decode(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return { width: image.width, height: image.height, data: new Uint8Array(image.data.buffer) };
};
