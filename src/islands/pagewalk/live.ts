/**
 * Binds the picture to the page's lab: every `mmu walk` in the console (the model's `walk`
 * event) becomes a new picture. Loaded on demand by the island, after the console has brought
 * the simulator in, so a page pays for the model once.
 */
import { mmuOf } from "@vmlab/sim/scenarios/mmu";
import { onLab } from "../../console/labs";
import { toPicture, type WalkPicture } from "./picture";

export function followWalks(
  labName: string,
  onWalk: (picture: WalkPicture) => void,
  onConnect: () => void = () => undefined,
): () => void {
  let unsubscribe: (() => void) | undefined;
  const stop = onLab(labName, (lab) => {
    // `reset` rebuilds the host and its MMU: follow the new one.
    unsubscribe?.();
    unsubscribe = undefined;
    const host = lab.host;
    // The `mmu` command may rebuild the model with the same event bus: read the levels of the
    // model in place at the time of the walk (the event is emitted synchronously inside it).
    unsubscribe = mmuOf(host)?.events.on("walk", (trace) => {
      const mmu = mmuOf(host);
      onWalk(toPicture(trace, mmu?.guestLevels ?? 4, mmu?.eptLevels ?? 4));
    });
    if (unsubscribe !== undefined) onConnect();
  });
  return () => {
    stop();
    unsubscribe?.();
  };
}
