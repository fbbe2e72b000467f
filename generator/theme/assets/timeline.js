/* Filters on timeline pages. Without this script a timeline is its full list; with it, a reader narrows the
   list by year range and by country, leader, organisation or tag, and the state lives in the URL
   (?from=&to=&countries=...).
   A timeline on one page is filtered in place; a paginated one loads its own filter.json (same site, static)
   so that a filter covers every page of it. Text from the data is only ever set as text, never as HTML. */
(function () {
  "use strict";
  var form = document.querySelector("form.tl-filters");
  if (!form) return;
  var status = form.querySelector(".tl-filter-status");
  var root = form.getAttribute("data-root") || "";
  var source = form.getAttribute("data-source");
  var total = Number(form.getAttribute("data-total"));
  var facets = Array.prototype.map.call(form.querySelectorAll("select[data-facet]"), function (s) { return s.name; });
  var years = form.querySelectorAll("select[name=from] option");
  var first = years.length ? years[0].value : "", last = years.length ? years[years.length - 1].value : "";
  var lists = Array.prototype.slice.call(document.querySelectorAll("ol.tl-axis:not(.tl-results)"));
  var paged = Array.prototype.slice.call(document.querySelectorAll(".tl-pager, .tl-years"));
  var results = null, data = null;

  function read() {
    var state = {from: form.elements.from ? form.elements.from.value : first,
                 to: form.elements.to ? form.elements.to.value : last};
    facets.forEach(function (name) { state[name] = form.elements[name].value; });
    return state;
  }
  function active(state) {
    return state.from !== first || state.to !== last || facets.some(function (name) { return state[name]; });
  }
  function matches(state, year, values) {
    if (state.from && year < Number(state.from)) return false;
    if (state.to && year > Number(state.to)) return false;
    return facets.every(function (name) { return !state[name] || values(name).indexOf(state[name]) >= 0; });
  }
  function remember(state) {
    var query = new URLSearchParams();
    if (state.from !== first) query.set("from", state.from);
    if (state.to !== last) query.set("to", state.to);
    facets.forEach(function (name) { if (state[name]) query.set(name, state[name]); });
    var text = query.toString();
    history.replaceState(null, "", location.pathname + (text ? "?" + text : "") + location.hash);
  }
  function say(count, state, everywhere) {
    status.textContent = active(state) ? count + " of " + total + " event" + (total === 1 ? "" : "s") + " match" +
      (everywhere ? ", on every page of this timeline." : ".") : "";
  }
  function filterInPlace(state) {
    var shown = 0;
    lists.forEach(function (list) {
      var visibleInList = 0, marker = null, visibleAfterMarker = 0;
      Array.prototype.forEach.call(list.children, function (item) {
        if (!item.classList.contains("tl-e")) {
          if (marker) marker.hidden = active(state) && visibleAfterMarker === 0;
          marker = item.classList.contains("tl-m-month") ? item : null;
          visibleAfterMarker = 0;
          return;
        }
        var ok = matches(state, Number(item.getAttribute("data-year")), function (name) {
          return (item.getAttribute("data-" + name) || "").split(" ");
        });
        item.hidden = !ok;
        if (ok) { shown++; visibleInList++; visibleAfterMarker++; }
      });
      if (marker) marker.hidden = active(state) && visibleAfterMarker === 0;
      list.hidden = visibleInList === 0;
      var heading = list.previousElementSibling;
      if (heading && heading.tagName === "H2") heading.hidden = list.hidden;
    });
    // The year jump list would point at years the filter hid: it gives way, as on a paginated timeline.
    paged.forEach(function (element) { element.hidden = active(state); });
    say(shown, state, false);
  }
  function entry(event) {
    var item = document.createElement("li");
    item.className = "tl-e " + event.shape + (event.status ? " tl-" + event.status : "");
    var mark = document.createElement("span");
    mark.className = "tl-mark";
    mark.setAttribute("aria-hidden", "true");
    var time = document.createElement("time");
    time.setAttribute("datetime", event.iso);
    time.textContent = event.when;
    var what = document.createElement("span");
    what.className = "tl-what";
    var link = document.createElement("a");
    link.href = root + event.url;
    link.textContent = event.title;
    what.appendChild(link);
    (event.countries || []).forEach(function (code) {
      var flag = data.flags[code];
      if (!flag) return;
      var image = document.createElement("img");
      image.className = "tl-flag";
      image.src = root + flag.src;
      image.alt = image.title = flag.name;
      image.width = 20;
      image.height = 15;
      what.appendChild(document.createTextNode(" "));
      what.appendChild(image);
    });
    item.appendChild(mark);
    item.appendChild(time);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(what);
    return item;
  }
  function showResults(state) {
    var on = active(state);
    lists.concat(paged).forEach(function (element) {
      element.hidden = on;
      var heading = element.previousElementSibling;
      if (element.tagName === "OL" && heading && heading.tagName === "H2") heading.hidden = on;
    });
    if (results) results.hidden = !on;
    if (!on) { say(0, state, true); return; }
    var hits = data.events.filter(function (event) {
      return matches(state, event.year, function (name) { return event[name] || []; });
    });
    if (!results) {
      results = document.createElement("ol");
      results.className = "tl-axis tl-results";
      form.parentNode.insertBefore(results, form.nextSibling);
    }
    results.textContent = "";
    hits.forEach(function (event) { results.appendChild(entry(event)); });
    say(hits.length, state, true);
  }
  function apply() {
    var state = read();
    remember(state);
    if (!source) { filterInPlace(state); return; }
    if (data || !active(state)) { showResults(state); return; }
    status.textContent = "Loading every event of this timeline…";
    fetch(root + source, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (loaded) { data = loaded; showResults(read()); }).catch(function () {
      status.textContent = "The filter could not load this timeline's events; the pages below list them all.";
    });
  }
  var query = new URLSearchParams(location.search);
  Array.prototype.forEach.call(form.elements, function (control) {
    if (control.name && query.has(control.name)) {
      var wanted = query.get(control.name);
      if (Array.prototype.some.call(control.options || [], function (option) { return option.value === wanted; })) {
        control.value = wanted;
      }
    }
  });
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
