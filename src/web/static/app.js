/* global document */
// Moves focus to the error summary after a refused form, so screen-reader and keyboard users land on it.
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.getElementById('error-summary');
  if (summary) summary.focus();
});
