// "labourlink/slim": the API without automatic initialisation. Call `await init()` (or
// `init({ module_or_path })`, or `initSync({ module })`) once before using anything else; a
// call made earlier throws a LabourlinkError with code "input.invalid".
export * from "./index.js";
export { default as init, initSync } from "./pkg/labourlink_wasm.js";
export type { InitInput, InitOutput, SyncInitInput } from "./pkg/labourlink_wasm.js";
