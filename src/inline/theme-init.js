// Before first paint: the theme the reader picked earlier with the theme button, so the page never
// flashes the other theme. Storage can be missing (sandboxed frames, privacy modes): then the system
// setting decides.
try {
  const theme = localStorage.getItem("vmlab-theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
} catch {
  // no storage
}
