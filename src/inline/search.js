// The search button and shortcuts (src/components/SearchButton.astro): / and Ctrl-K or ⌘K open the
// dialog; its contents are an island that loads when the open dialog shows them. Focus goes back
// where it was on close, unless the reader followed a result (search-dialog.ts marks that).
(() => {
  const dialog = document.querySelector("[data-search-dialog]");
  const button = document.querySelector("[data-search-open]");
  if (!dialog || !button) return;
  let opener = null;
  const open = () => {
    if (!dialog.open) {
      opener = document.activeElement;
      dialog.showModal();
    }
    const input = dialog.querySelector("[data-search-input]");
    if (input) {
      input.focus();
      input.select();
    }
    // If the island never arrives (offline, blocked), say so instead of "loading" for ever.
    setTimeout(() => {
      const status = dialog.querySelector("[data-search-status]");
      if (dialog.open && !dialog.hasAttribute("data-ready") && status)
        status.textContent = dialog.dataset.error || "";
    }, 15000);
  };
  dialog.addEventListener("close", () => {
    if (!dialog.hasAttribute("data-navigating") && opener && typeof opener.focus === "function")
      opener.focus();
    dialog.removeAttribute("data-navigating");
  });
  // The close button works before the dialog's code has arrived (Esc does natively).
  dialog.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-search-close]")) dialog.close();
  });
  button.hidden = false;
  button.addEventListener("click", open);
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.isComposing || dialog.open) return;
    const target = event.target instanceof Element ? event.target : null;
    const typing =
      target !== null && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    // In a console Ctrl-K erases to the end of the line: the terminal keeps it.
    const terminal = target !== null && target.closest(".xterm, figure.console") !== null;
    const modK =
      (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k";
    const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing;
    if ((modK && !terminal) || slash) {
      event.preventDefault();
      open();
    }
  });
})();
