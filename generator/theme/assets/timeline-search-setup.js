/* Runs before Material's bundle (main.html, block config): points Material's search box at the timeline's search
   worker (timeline-search.js, beside this file) instead of Material's lunr worker, which downloads the whole index.
   Material reads the worker's address from #__config once, when its bundle starts.

   Material writes "N matching documents" for the N results it is given; when the worker gives only the best of
   many (`cut`), that line is corrected to say how many matched, once Material has written it. Nothing from the
   data is written here, and the line is set as text. */
(function () {
  "use strict";
  var element = document.getElementById("__config");
  var Native = window.Worker;
  if (!element || !Native) return;
  var config = JSON.parse(element.textContent);
  var worker = new URL("timeline-search.js", document.currentScript.src).href;
  config.search = worker;
  element.textContent = JSON.stringify(config);
  var latest = null;
  window.Worker = function (url, options) {
    var instance = new Native(url, options);
    if (url === worker) instance.addEventListener("message", function (event) {
      var result = event.data && event.data.type === 3 && event.data.data;  // RESULT
      latest = result || latest;
      if (!result || !result.cut) return;
      setTimeout(function () {
        var meta = document.querySelector(".md-search-result__meta");
        if (!meta || result !== latest) return;  // a newer answer came first: Material's line is right
        var total = result.total.toLocaleString(document.documentElement.lang || "en");
        meta.textContent = config.translations["search.result.other"].replace("#", total) + " · " +
          result.items.length + " shown";
      });
    });
    return instance;
  };
  window.Worker.prototype = Native.prototype;
})();
