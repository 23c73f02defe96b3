import { Module, createRequire } from '../internal/cjs.js';

export { Module, createRequire };
export const builtinModules = Module.builtinModules;
export const isBuiltin = Module.isBuiltin;

export default Module;
