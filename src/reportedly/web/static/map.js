// Map: draws the vendored world outlines (world-atlas, TopoJSON) in an equirectangular projection under the points.
(function () {
  "use strict";
  var svg = document.getElementById("map");
  var status = document.getElementById("map-status");
  if (!svg || typeof topojson === "undefined") { return; }
  var W = 1000, H = 500, NS = "http://www.w3.org/2000/svg";

  function x(lon) { return (lon + 180) / 360 * W; }
  function y(lat) { return (90 - lat) / 180 * H; }

  // One closed subpath per ring, split where a ring jumps across the antimeridian.
  function ringPath(ring) {
    var d = "", prev = null;
    for (var i = 0; i < ring.length; i++) {
      var p = ring[i];
      var jump = prev !== null && Math.abs(p[0] - prev[0]) > 180;
      d += (i === 0 || jump ? "M" : "L") + x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1);
      prev = p;
    }
    return d + "Z";
  }

  function geometryPath(geometry) {
    if (!geometry) { return ""; }
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var d = "";
    for (var i = 0; i < polygons.length; i++) {
      for (var j = 0; j < polygons[i].length; j++) { d += ringPath(polygons[i][j]); }
    }
    return d;
  }

  function draw(world) {
    var countries = topojson.feature(world, world.objects.countries).features;
    var group = document.getElementById("countries");
    for (var i = 0; i < countries.length; i++) {
      var path = document.createElementNS(NS, "path");
      path.setAttribute("d", geometryPath(countries[i].geometry));
      path.setAttribute("class", "country");
      var title = document.createElementNS(NS, "title");
      title.textContent = countries[i].properties.name || "";
      path.appendChild(title);
      group.appendChild(path);
    }
    var grid = document.getElementById("graticule");
    for (var lon = -150; lon <= 150; lon += 30) { line(grid, x(lon), 0, x(lon), H); }
    for (var lat = -60; lat <= 60; lat += 30) { line(grid, 0, y(lat), W, y(lat)); }
    svg.setAttribute("data-countries", String(countries.length));
  }

  function line(group, x1, y1, x2, y2) {
    var el = document.createElementNS(NS, "line");
    el.setAttribute("x1", x1); el.setAttribute("y1", y1); el.setAttribute("x2", x2); el.setAttribute("y2", y2);
    group.appendChild(el);
  }

  fetch("/static/vendor/world-atlas/countries-110m.json")
    .then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    })
    .then(draw)
    .catch(function (error) { if (status) { status.textContent = "Outlines could not be loaded: " + error.message; } });
})();
