/**
 * The page's labs, by name. A console creates its lab when the reader reaches
 * it and registers it here; picture islands beside it (page walk, throttling
 * timeline, exit trace) subscribe by the same name and draw from the lab's
 * model events. Islands are separate hydration roots, but they share this
 * module, so they share the map.
 */
import type { Lab } from "@vmlab/sim";

const labs = new Map<string, Lab>();
const listeners = new Map<string, Set<(lab: Lab) => void>>();

export function registerLab(name: string, lab: Lab): void {
  labs.set(name, lab);
  const notify = (): void => {
    for (const listener of listeners.get(name) ?? []) listener(lab);
  };
  // `reset` rebuilds the host: pictures re-subscribe to the new one.
  lab.onReset(notify);
  notify();
}

/** Calls `listener` with the lab now (if the console is live) and whenever it is (re)built. */
export function onLab(name: string, listener: (lab: Lab) => void): () => void {
  let set = listeners.get(name);
  if (set === undefined) {
    set = new Set();
    listeners.set(name, set);
  }
  set.add(listener);
  const existing = labs.get(name);
  if (existing !== undefined) listener(existing);
  return () => set.delete(listener);
}

export function unregisterLab(name: string, lab: Lab): void {
  if (labs.get(name) === lab) labs.delete(name);
}
