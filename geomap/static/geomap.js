/* geomap's map behaviour: unit symbols, the time control, place search, legend.
 * Popup and tooltip HTML arrives already escaped from Python; every other piece of
 * article text is put in the page with textContent or as a property, never as HTML. */
(function () {
  "use strict";
  var geomap = (window.geomap = window.geomap || {});
  var SHAPES = {
    troops: '<circle cx="12" cy="12" r="10"/>',
    units: '<rect x="2" y="5" width="20" height="14"/>',
    aircraft: '<polygon points="12,2 22,21 2,21"/>',
    armor: '<ellipse cx="12" cy="12" rx="11" ry="7"/>',
    artillery: '<polygon points="12,1 23,12 12,23 1,12"/>',
    ships: '<polygon points="1,8 23,8 18,19 6,19"/>',
    air_defense: '<polygon points="2,3 22,3 12,22"/>',
    missiles: '<polygon points="12,1 15,9 23,9 17,14 19,23 12,18 5,23 7,14 1,9 9,9"/>',
    mention: '<circle cx="12" cy="12" r="6"/>'
  };
  geomap.layers = [];

  geomap.symbol = function (p, size) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", size);
    svg.setAttribute("height", size);
    svg.innerHTML = SHAPES[p.shape] || SHAPES.troops;  // fixed shapes only, no article text
    var shape = svg.firstChild;
    shape.setAttribute("fill", p.colour);
    shape.setAttribute("fill-opacity", p.vague ? 0.2 : (p.uncertain ? 0.12 : 0.6));
    shape.setAttribute("stroke", p.colour);
    shape.setAttribute("stroke-width", p.uncertain ? 2.5 : 1.6);
    if (p.vague || p.uncertain) shape.setAttribute("stroke-dasharray", p.vague ? "4 2" : "2 2");
    return svg.outerHTML;
  };

  geomap.marker = function (f) {
    var p = f.properties, size = Math.round(2 * p.radius);
    var icon = L.divIcon({className: "gm-icon", html: geomap.symbol(p, size), iconSize: [size, size]});
    // the smaller symbol of two at one place stays on top, so both can be clicked
    var m = L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]],
                     {icon: icon, riseOnHover: true, zIndexOffset: -Math.round(10 * p.radius)});
    m.bindPopup(p.popup, {maxWidth: 400});
    m.bindTooltip(p.tooltip);
    return m;
  };

  // fill a layer with markers and remember them for the time control: [marker, first date, last date]
  geomap.fill = function (group, data) {
    var entries = data.features.map(function (f) {
      return [geomap.marker(f), f.properties.date, f.properties.last || f.properties.date];
    });
    geomap.layers.push({group: group, entries: entries});
    group.addLayers ? group.addLayers(entries.map(function (e) { return e[0]; }))
                    : entries.forEach(function (e) { group.addLayer(e[0]); });
  };

  geomap.movements = function (group, data) {
    var entries = [];  // for the time control, as geomap.fill's
    geomap.layers.push({group: group, entries: entries, movements: true});
    data.features.forEach(function (f) {
      var c = f.geometry.coordinates, a = [c[0][1], c[0][0]], b = [c[1][1], c[1][0]];
      var line = L.polyline([a, b], {color: f.properties.colour, weight: 2, dashArray: "6 4"});
      line.bindPopup(f.properties.popup, {maxWidth: 400});
      line.bindTooltip(f.properties.tooltip);
      group.addLayer(line);
      // arrowhead: a small triangle at the destination, pointing along the line
      var dy = b[0] - a[0], dx = b[1] - a[1], len = Math.sqrt(dx * dx + dy * dy) || 1, s = Math.min(1.2, len / 4);
      var ux = dx / len, uy = dy / len;
      var tip = b, left = [b[0] - s * uy + 0.5 * s * ux, b[1] - s * ux - 0.5 * s * uy];
      var right = [b[0] - s * uy - 0.5 * s * ux, b[1] - s * ux + 0.5 * s * uy];
      var head = L.polygon([tip, left, right], {color: f.properties.colour, fillOpacity: 0.9, weight: 1});
      group.addLayer(head);
      var first = f.properties.date, last = f.properties.last || first;
      entries.push([line, first, last], [head, first, last]);
    });
  };

  // the time control: geomap/static/timeline.js draws it and filters every layer
  geomap.timeControl = function (map, dates, timeline) {
    geomap.timeline.control(map, dates, timeline || {});
  };

  geomap.search = function (map, places) {
    var ctl = L.control({position: "topright"});
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", "gm-box gm-search");
      var input = L.DomUtil.create("input", "", div);
      input.placeholder = "Find a place…";
      input.setAttribute("list", "gm-places");
      input.setAttribute("aria-label", "find a place on the map");
      var list = L.DomUtil.create("datalist", "", div);
      list.id = "gm-places";
      places.forEach(function (p) { var o = document.createElement("option"); o.value = p[0]; list.appendChild(o); });
      input.addEventListener("change", function () {
        var hit = places.filter(function (p) { return p[0].toLowerCase() === input.value.toLowerCase(); })[0];
        if (!hit) return;
        map.setView([hit[1], hit[2]], Math.max(map.getZoom(), hit[3]));
        var note = document.createElement("b");
        note.textContent = hit[0];
        L.popup().setLatLng([hit[1], hit[2]]).setContent(note).openOn(map);
      });
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    ctl.addTo(map);
  };

  geomap.legend = function (map, entries) {
    var ctl = L.control({position: "bottomleft"});
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", "gm-box gm-legend");
      function row(svg, text) {
        var r = L.DomUtil.create("div", "", div);
        r.innerHTML = svg;  // a fixed shape; the words go in as text
        r.appendChild(document.createTextNode(" " + text));
      }
      function head(text) { L.DomUtil.create("b", "", L.DomUtil.create("div", "", div)).textContent = text; }
      head("Forces");
      entries.forces.forEach(function (f) { row(geomap.symbol({shape: "troops", colour: f[1]}, 14), f[0]); });
      head("Unit kinds");
      entries.units.forEach(function (u) { row(geomap.symbol({shape: u[0], colour: "#444"}, 14), u[1]); });
      head("Figures");
      row(geomap.symbol({shape: "troops", colour: "#444"}, 14), "firm, area grows with the count");
      row(geomap.symbol({shape: "troops", colour: "#444", vague: true}, 14), "vague (\u201cthousands\u201d)");
      row(geomap.symbol({shape: "troops", colour: "#444", uncertain: true}, 14), "planned or on alert");
      row(geomap.symbol({shape: "mention", colour: "#555"}, 14), "place named (mentions layer)");
      return div;
    };
    ctl.addTo(map);
  };
})();
