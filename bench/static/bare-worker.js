import { loadPyodide } from "../assets/pyodide/pyodide.esm.js";
import createPyodideModule from "../assets/pyodide/pyodide.asm.esm.js";

const pyodide = await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href, createPyodideModule });
postMessage(pyodide.runPython("1+1"));
