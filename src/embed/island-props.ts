/** The texts and options a console island takes from the page (built on the server by ./labels.ts). */
import type { ParamProblem } from "./params";
import type { Sim } from "./sims";

export interface ConsoleLabels {
  title: string;
  transcript: string;
  loading: string;
  failed: string;
  hint: string;
  /** Before xterm is loaded: how to start typing. */
  activate: string;
  speed: string;
  instant: string;
  screenReader: string;
  running: string;
  share: string;
  embed: string;
  shareField: string;
  embedField: string;
  copied: string;
  copyManually: string;
  shareTooLong: string;
  /** The title the Embed snippet gives its iframe. */
  iframeTitle: string;
  /** The embedding guide (parameters, messages), linked beside the snippet. */
  guide: string;
  guideUrl: string;
}

/** On an embed page: the simulator, and the texts of its link parameters. */
export interface EmbedProps {
  sim: Sim;
  labels: {
    run: string;
    script: string;
    problems: string;
    problem: Record<ParamProblem, string>;
  };
}
