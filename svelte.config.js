// Svelte 5 with TypeScript in components, preprocessed by Vite.
import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

export default { preprocess: vitePreprocess() };
