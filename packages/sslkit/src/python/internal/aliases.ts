import { PYTHON_MAPPING } from "../mapping.js";

function descriptorOf(prototype: object, name: string): PropertyDescriptor | undefined {
  for (let object: object | null = prototype; object !== null; object = Object.getPrototypeOf(object) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(object, name);
    if (descriptor !== undefined) return descriptor;
  }
  return undefined;
}

/**
 * Installs the `alias` rows of PYTHON_MAPPING for one Python-named class: each Python member
 * becomes the very same method or accessor as the sslkit member (same-named members are
 * inherited and need nothing).
 */
export function installAliases(pythonClassName: string, pythonClass: abstract new (...args: never[]) => object): void {
  const prototype = pythonClass.prototype as object;
  for (const entry of PYTHON_MAPPING) {
    if (entry.kind !== "alias" || !entry.python.startsWith(`${pythonClassName}.`)) continue;
    const pythonName = entry.python.slice(pythonClassName.length + 1);
    const sslkitName = entry.sslkit.slice(entry.sslkit.indexOf(".") + 1);
    if (pythonName === sslkitName) continue;
    const descriptor = descriptorOf(prototype, sslkitName);
    if (descriptor === undefined) throw new Error(`sslkit/python: ${entry.sslkit} does not exist`);
    Object.defineProperty(prototype, pythonName, descriptor);
  }
}

/** Gives an instance made by an sslkit function the Python-named subclass's prototype (the subclasses add no state). */
export function asPython<T extends object>(instance: object, pythonClass: abstract new (...args: never[]) => T): T {
  Object.setPrototypeOf(instance, pythonClass.prototype as object);
  return instance as T;
}
