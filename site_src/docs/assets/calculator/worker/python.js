// Starting Python in Pyodide, shared by the snapshot and the stdlib boots, and the worker's own Python
// (generator/runtime/py/gd_worker.py, compiled into the trimmed stdlib and present in the snapshot).

/** The module the worker's Python lives in (see generator/runtime/py/gd_worker.py). */
export const WORKER_PY = "gd_worker";

// Wrapped so that the page is told when the download is over and Python starts itself, and so that
// `instantiated(instance)` sees the wasm memory before anything has run in it.
export function withStartProgress(state, createPyodideModule, instantiated = () => {}) {
  return (settings) => {
    const instantiate = settings.instantiateWasm;
    settings.instantiateWasm = (imports, done) => instantiate(imports, (instance, module) => {
      state.progress("start");
      instantiated(instance);
      done(instance, module);
    });
    return createPyodideModule(settings);
  };
}

/** loadPyodide with the worker's settings; `options` adds to or overrides them. */
export function startPyodide(state, runtime, options) {
  const { createPyodideModule, loadPyodide } = runtime;
  return loadPyodide({
    indexURL: state.runtime,
    createPyodideModule: withStartProgress(state, createPyodideModule),
    stdout: () => {},
    stderr: (line) => console.warn(line),
    ...options,
  });
}

/** Call `name(...args)` of the worker's Python module. */
export function callWorkerPy(pyodide, name, ...args) {
  const module = pyodide.pyimport(WORKER_PY);
  try {
    return module[name](...args);
  } finally {
    module.destroy();
  }
}
