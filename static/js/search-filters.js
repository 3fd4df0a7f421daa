// Wide screens show the filters as a sidebar. search.css does it with ::details-content;
// a browser without it gets the details opened here. Phones keep them behind the button.
(function () {
  "use strict";
  var filters = document.getElementById("search-filters");
  if (!filters || (window.CSS && CSS.supports("selector(::details-content)"))) return;
  if (window.matchMedia("(min-width: 48.01rem)").matches) filters.open = true;
})();
