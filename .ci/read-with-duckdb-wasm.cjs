// Opens a DuckDB file with duckdb-wasm (the Node blocking bundle) and prints the model count.
const fs = require("fs");
const path = require("path");
const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");

(async () => {
  const dist = path.dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs"));
  const bundles = {
    mvp: { mainModule: path.join(dist, "duckdb-mvp.wasm"), mainWorker: path.join(dist, "duckdb-node-mvp.worker.cjs") },
    eh: { mainModule: path.join(dist, "duckdb-eh.wasm"), mainWorker: path.join(dist, "duckdb-node-eh.worker.cjs") },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.registerFileBuffer("atlas.duckdb", new Uint8Array(fs.readFileSync(process.argv[2])));
  const conn = db.connect();
  conn.query("ATTACH 'atlas.duckdb' AS atlas (READ_ONLY)");
  const rows = conn.query("SELECT count(*)::INTEGER AS n FROM atlas.model_overview").toArray();
  console.log(rows[0].toJSON().n);
})().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
