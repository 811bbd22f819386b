// Whether the WebAssembly module of this package has been instantiated in this realm, by
// any entry point: "labourlink" (node.js, browser.js) or init/initSync of "labourlink/slim".
// The slim entry checks it so that a call made too early fails with a coded error.
let ready = false;

/** Notes that the module is instantiated. */
export function markReady() {
  ready = true;
}

/** Whether the module is instantiated. */
export function isReady() {
  return ready;
}
