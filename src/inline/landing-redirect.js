// The bilingual landing page sends the reader to their language; without JavaScript its two links do.
(() => {
  const preferred = (navigator.languages || [navigator.language || ""]).find((l) => /^(ko|en)\b/i.test(l));
  const lang = preferred && /^ko/i.test(preferred) ? "ko" : "en";
  const link = document.querySelector(`a[data-home="${lang}"]`);
  if (link) location.replace(link.href);
})();
