// Node.js entry (package.json "exports" condition "node"): instantiates the WebAssembly module
// synchronously from the file next to the glue, then exposes the API.
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/labourlink_wasm.js";
import { markReady } from "./ready.js";

initSync({ module: readFileSync(new URL("../pkg/labourlink_wasm_bg.wasm", import.meta.url)) });
markReady();

export * from "./api.js";
