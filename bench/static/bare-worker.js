import { loadPyodide } from "./pyodide/pyodide.esm.js";
import createPyodideModule from "./pyodide/pyodide.asm.esm.js";

const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href, createPyodideModule });
postMessage(pyodide.runPython("1+1"));
