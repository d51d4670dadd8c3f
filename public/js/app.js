// Progressive enhancement only: every page works without this file.
(function () {
  var summary = document.querySelector('.cp-error-summary');
  if (summary) summary.focus();
})();
