// Build-time only, imported by stdlib_probe.mjs and snapshot_maker.mjs: the Python programs of py/, run
// in a Pyodide booted under node. Each runs in a namespace of its own (a dict, not __main__), named by
// its bare file name, so that no path of the machine that builds reaches the runtime's memory.
import fs from "node:fs";

/** The text of py/<name>. */
export const pythonSource = (name) => fs.readFileSync(new URL(`./py/${name}`, import.meta.url), "utf8");

/** Run py/<name> and return its namespace (a PyProxy of a dict; the caller destroys it). */
export function runPythonFile(pyodide, name) {
  const namespace = pyodide.globals.get("dict")();
  pyodide.runPython(pythonSource(name), { globals: namespace, filename: name });
  return namespace;
}

/** The engine warmed up as the page uses it (py/warm_up.py): [session PyProxy, probe plan's result text]. */
export function warmUp(pyodide, catalogText, probePlanText) {
  const namespace = runPythonFile(pyodide, "warm_up.py");
  const fn = namespace.get("warm_up");
  const result = fn(catalogText, probePlanText);
  const [session, check] = result.toJs({ depth: 1 });
  for (const proxy of [result, fn, namespace]) proxy.destroy();
  return [session, check];
}
