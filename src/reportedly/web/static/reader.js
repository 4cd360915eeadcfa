// Article reader: a click on a highlighted passage or a badge shows that frame's details and outlines its spans.
(function () {
  "use strict";
  var text = document.getElementById("text");
  var details = document.getElementById("details");
  if (!text || !details) { return; }

  function show(frame) {
    var sections = details.querySelectorAll(".frame-detail");
    for (var i = 0; i < sections.length; i++) { sections[i].hidden = true; }
    var target = document.getElementById("detail-" + frame) || document.getElementById("detail-none");
    target.hidden = false;
    var lit = document.querySelectorAll(".active");
    for (var j = 0; j < lit.length; j++) { lit[j].classList.remove("active"); }
    if (frame === null) { return; }
    var spans = text.querySelectorAll("[data-frames]");
    for (var k = 0; k < spans.length; k++) {
      if (spans[k].getAttribute("data-frames").split(" ").indexOf(String(frame)) >= 0) {
        spans[k].classList.add("active");
      }
    }
    var badge = document.getElementById("f" + frame);
    if (badge) { badge.classList.add("active"); }
    var row = document.querySelector("table.frames tr[data-frame='" + frame + "']");
    if (row) { row.classList.add("active"); }
  }

  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-frame]");
    if (!el) { return; }
    var frame = el.getAttribute("data-frame");
    if (el.tagName === "A" && el.getAttribute("href") && el.getAttribute("href").charAt(0) === "#") {
      history.replaceState(null, "", "#f" + frame);
    }
    event.preventDefault();
    show(frame);
    current = badges.indexOf(document.getElementById("f" + frame));
    var badge = document.getElementById("f" + frame);
    if (badge && el.closest("#text") === null) { badge.scrollIntoView({block: "center"}); }
  });

  // j / k step through the frames in reading order, Escape closes the details.
  var badges = Array.prototype.slice.call(text.querySelectorAll("a.badge[data-frame]"));
  var current = -1;
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName)) {
      return;
    }
    if (event.key === "Escape") { current = -1; show(null); return; }
    if ((event.key !== "j" && event.key !== "k") || badges.length === 0) { return; }
    current = event.key === "j" ? Math.min(current + 1, badges.length - 1) : Math.max(current - 1, 0);
    var frame = badges[current].getAttribute("data-frame");
    history.replaceState(null, "", "#f" + frame);
    show(frame);
    badges[current].scrollIntoView({block: "center"});
  });

  var hash = /^#f(\d+)$/.exec(location.hash);
  if (hash) {
    show(hash[1]);
    var first = document.getElementById("f" + hash[1]);
    if (first) { first.scrollIntoView({block: "center"}); }
  }
})();
