// The theme button (src/components/ThemeToggle.astro): system → light → dark. Shown only when this runs.
(() => {
  const button = document.getElementById("theme-toggle");
  if (!button) return;
  const names = JSON.parse(button.dataset.names || "{}");
  const order = ["system", "light", "dark"];
  const root = document.documentElement;
  const label = button.querySelector(".theme-name");
  const show = () => {
    const mode =
      root.dataset.theme === "light" || root.dataset.theme === "dark" ? root.dataset.theme : "system";
    if (label) label.textContent = names[mode];
    button.setAttribute("aria-label", (button.dataset.label || "").replace("{mode}", names[mode]));
    return mode;
  };
  button.hidden = false;
  show();
  button.addEventListener("click", () => {
    const next = order[(order.indexOf(show()) + 1) % order.length];
    if (next === "system") delete root.dataset.theme;
    else root.dataset.theme = next;
    try {
      if (next === "system") localStorage.removeItem("vmlab-theme");
      else localStorage.setItem("vmlab-theme", next);
    } catch {
      // No storage: the choice lasts for this page.
    }
    show();
    document.dispatchEvent(new CustomEvent("vmlab:themechange", { detail: { theme: next } }));
  });
})();
