// Browser and bundler entry: fetches and instantiates the WebAssembly module (the glue resolves
// `new URL("labourlink_wasm_bg.wasm", import.meta.url)`, which bundlers such as webpack 5 and
// Vite turn into an asset), then exposes the API. Uses top-level await; for a custom location
// or a Content-Security-Policy without it, import "labourlink/slim" and call init yourself.
import init from "../pkg/labourlink_wasm.js";
import { markReady } from "./ready.js";

await init();
markReady();

export * from "./api.js";
