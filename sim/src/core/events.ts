/**
 * A typed event bus. Models emit what happened (a throttle, a VM exit, a walk
 * step); islands subscribe. Listeners never feed back into the model's
 * decisions, so a page with or without pictures simulates the same thing.
 */
export class EventBus<Events extends Record<string, unknown>> {
  readonly #listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.#listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<K extends keyof Events>(type: K, payload: Events[K]): void {
    const set = this.#listeners.get(type);
    if (set === undefined) return;
    for (const listener of [...set]) {
      // A broken listener (a picture) must never break the simulation.
      try {
        (listener as (payload: Events[K]) => void)(payload);
      } catch {
        /* ignored on purpose */
      }
    }
  }

  hasListeners(type: keyof Events): boolean {
    return (this.#listeners.get(type)?.size ?? 0) > 0;
  }
}
