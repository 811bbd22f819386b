// A tiny static server on 127.0.0.1 for the browser test: `/` is a page given by the test, and
// `/node_modules/labourlink/` is this package's directory (lib/, pkg/ only), as a web server
// would serve an installed package.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
};

export async function serve(pkgDir, pages) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    try {
      if (url.pathname === "/favicon.ico") {
        res.writeHead(204).end();
        return;
      }
      if (pages[url.pathname] !== undefined) {
        res.writeHead(200, { "content-type": TYPES[".html"] });
        res.end(pages[url.pathname]);
        return;
      }
      const prefix = "/node_modules/labourlink/";
      if (url.pathname.startsWith(prefix)) {
        const rel = normalize(decodeURIComponent(url.pathname.slice(prefix.length)));
        if (/^(lib|pkg)\/[\w./-]+$/.test(rel) && !rel.includes("..")) {
          const body = await readFile(join(pkgDir, rel));
          res.writeHead(200, { "content-type": TYPES[extname(rel)] ?? "application/octet-stream" });
          res.end(body);
          return;
        }
      }
      res.writeHead(404).end("not found");
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}
