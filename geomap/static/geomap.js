/* geomap's map behaviour: unit symbols, the forces panel and filters, the time control,
 * labels, place search, legend. Popup and tooltip HTML arrives already escaped from
 * Python; every other piece of article text is put in the page with textContent or as a
 * property, never as HTML. */
(function () {
  "use strict";
  var geomap = (window.geomap = window.geomap || {});
  geomap.layers = [];
  geomap.small = function () { return window.innerWidth < 700; };
  // popups pan clear of the panels at the sides
  geomap.popupOptions = function () {
    var small = geomap.small();
    return {maxWidth: small ? 300 : 420, maxHeight: small ? 300 : 380,
            autoPanPaddingTopLeft: L.point(small ? 10 : 280, small ? 150 : 70), autoPanPaddingBottomRight: L.point(small ? 10 : 280, 20)};
  };

  // vague figures: faint fill, dashed outline; planned or on alert: no fill, dotted thick outline
  geomap.symbol = function (p, size) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", size);
    svg.setAttribute("height", size);
    // geomap.shapes: each unit kind's symbol from geomap/units.toml, fixed markup, no article text
    var shapes = geomap.shapes || {};
    svg.innerHTML = shapes[p.shape] || shapes.troops;
    var shape = svg.firstChild;
    shape.setAttribute("fill", p.colour);
    shape.setAttribute("fill-opacity", p.uncertain ? 0 : (p.vague ? 0.2 : 0.5));
    shape.setAttribute("stroke", p.colour);
    shape.setAttribute("stroke-width", p.uncertain ? 2.6 : 1.6);
    shape.setAttribute("vector-effect", "non-scaling-stroke");
    if (p.uncertain) { shape.setAttribute("stroke-dasharray", "1 3"); shape.setAttribute("stroke-linecap", "round"); }
    else if (p.vague) shape.setAttribute("stroke-dasharray", "5 3");
    return svg.outerHTML;
  };

  geomap.marker = function (f) {
    var p = f.properties, size = Math.round(2 * p.radius), off = p.offset || [0, 0];
    var html = geomap.symbol(p, size);
    if (p.label) {
      var inside = size >= 30;
      html += '<span class="gm-count' + (inside ? "" : " gm-out") + '" style="' +
        (inside ? "line-height:" + size + "px" : "left:" + size + "px") + '"></span>';
    }
    if (p.approximate) html = '<div class="gm-approx">' + html + "</div>";
    var icon = L.divIcon({className: "gm-icon" + (p.shape === "mention" ? " gm-mention" : ""), html: html,
                          iconSize: [size, size], iconAnchor: [size / 2 - off[0], size / 2 - off[1]],
                          popupAnchor: [off[0], off[1] - size / 2], tooltipAnchor: [off[0] + size / 2, off[1]]});
    // the smaller symbol of two near one place stays on top, so both can be clicked
    var m = L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]],
                     {icon: icon, riseOnHover: true, zIndexOffset: -Math.round(10 * p.radius)});
    if (p.label) {
      m.on("add", function () {  // the count goes in as text
        var el = m.getElement() && m.getElement().querySelector(".gm-count");
        if (el) el.textContent = p.label;
      });
    }
    m.bindPopup(p.popup, geomap.popupOptions());
    m.bindTooltip(p.tooltip);
    return m;
  };

  // fill a layer with markers and remember them for the time control and the filters
  geomap.fill = function (group, data, meta) {
    var entries = data.features.map(function (f) { return [geomap.marker(f), f.properties.date, f.properties]; });
    geomap.layers.push({group: group, entries: entries, meta: meta || {}});
    group.addLayers ? group.addLayers(entries.map(function (e) { return e[0]; }))
                    : entries.forEach(function (e) { group.addLayer(e[0]); });
  };

  // A force layer of a large map: its markers live in one cluster shared by every force layer, so
  // symbols of different forces at one place cluster together and spread out on click.
  geomap.cluster = null;
  var Subgroup = L.Layer.extend({
    initialize: function () { this._ms = []; },
    onAdd: function (map) {
      if (!map.hasLayer(geomap.cluster)) map.addLayer(geomap.cluster);
      geomap.cluster.addLayers(this._ms);
    },
    onRemove: function () { geomap.cluster.removeLayers(this._ms); },
    clearLayers: function () {
      if (this._map) geomap.cluster.removeLayers(this._ms);
      this._ms = [];
      return this;
    },
    addLayers: function (ms) {
      this._ms = this._ms.concat(ms);
      if (this._map) geomap.cluster.addLayers(ms);
      return this;
    },
    addLayer: function (m) { return this.addLayers([m]); },
    getLayers: function () { return this._ms.slice(); }
  });
  geomap.subgroup = function () {
    if (!geomap.cluster) geomap.cluster = L.markerClusterGroup({maxClusterRadius: 40, chunkedLoading: true});
    return new Subgroup();
  };

  // what the filters of the forces panel let through (the time control adds the dates)
  geomap.filter = {status: null, min: 0, confidence: 0};
  geomap.passes = function (e) {
    var p = e[2] || {}, f = geomap.filter;
    if (p.status && f.status && !p.status.some(function (s) { return f.status[s]; })) return false;
    if (p.size !== undefined && (p.size || 0) < f.min) return false;
    if (p.confidence !== undefined && p.confidence < f.confidence) return false;
    return true;
  };
  geomap.refresh = function () {
    geomap.layers.forEach(function (l) {
      var keep = l.entries.filter(geomap.passes).map(function (e) { return e[0]; });
      l.group.clearLayers();
      l.group.addLayers ? l.group.addLayers(keep) : keep.forEach(function (m) { l.group.addLayer(m); });
    });
  };

  // an arrowhead at the destination, sized in pixels, pointing along the line as drawn
  function arrowhead(a, b, colour) {
    var pa = L.Projection.SphericalMercator.project(L.latLng(a)), pb = L.Projection.SphericalMercator.project(L.latLng(b));
    var angle = Math.atan2(-(pb.y - pa.y), pb.x - pa.x) * 180 / Math.PI;
    var html = '<svg width="16" height="16" viewBox="0 0 16 16" style="transform:rotate(' + angle.toFixed(1) +
      'deg)"><polygon points="16,8 2,2 5,8 2,14" fill="' + colour + '"/></svg>';
    return L.marker(b, {icon: L.divIcon({className: "gm-arrow", html: html, iconSize: [16, 16], iconAnchor: [8, 8]}),
                        interactive: false, keyboard: false});
  }

  geomap.movements = function (group, data) {
    var entries = [];
    geomap.layers.push({group: group, entries: entries, meta: {}, movements: true});  // the time control filters them
    data.features.forEach(function (f) {
      var c = f.geometry.coordinates, a = [c[0][1], c[0][0]], b = [c[1][1], c[1][0]];
      var line = L.polyline([a, b], {color: f.properties.colour, weight: 2, dashArray: "6 4"});
      line.bindPopup(f.properties.popup, geomap.popupOptions());
      line.bindTooltip(f.properties.tooltip);
      var head = arrowhead(a, b, /^#[0-9A-Fa-f]{6}$/.test(f.properties.colour) ? f.properties.colour : "#333");
      group.addLayer(line);
      group.addLayer(head);
      entries.push([line, f.properties.date, f.properties], [head, f.properties.date, f.properties]);
    });
  };

  // reports along a border: the border line, in the force's colour
  geomap.borders = function (group, data) {
    data.features.forEach(function (f) {
      var line = L.geoJSON(f, {style: {color: f.properties.colour, weight: 5, opacity: 0.55, lineCap: "round", className: "gm-border"}});
      line.bindTooltip(f.properties.tooltip);
      group.addLayer(line);
    });
  };

  // reports for a whole country or region: the area outlined, its reports a click away and listed in the panel
  geomap.areaIndex = [];
  geomap.areas = function (group, data) {
    var entries = [];
    geomap.layers.push({group: group, entries: entries, meta: {areas: true}});  // the time control hides them too
    data.features.forEach(function (f) {
      var p = f.properties;
      var area = L.geoJSON(f, {style: {color: p.colour, weight: p.region ? 1.2 : 2, dashArray: "6 4", fillColor: p.colour, fillOpacity: 0.07, className: "gm-area"}});
      area.bindPopup(p.popup, geomap.popupOptions());
      area.bindTooltip(p.tooltip, {sticky: true});
      group.addLayer(area);
      geomap.areaIndex.push({layer: area, props: p, group: group});
      entries.push([area, p.date, p]);
    });
  };

  // the time control (geomap/static/timeline.js): cumulative or as of a date, a histogram, steps;
  // it sets geomap.refresh, so the panel's filters go through the dates too
  geomap.timeControl = function (map, dates, data) {
    if (geomap.timeline) geomap.timeline.control(map, dates, data || {});
  };

  // a panel whose body folds away under its heading (folded from the start on a phone)
  function panel(div, title, open) {
    var head = L.DomUtil.create("button", "gm-head", div);
    head.type = "button";
    head.textContent = title;
    var body = L.DomUtil.create("div", "gm-body", div);
    function set(show) { body.style.display = show ? "" : "none"; head.setAttribute("aria-expanded", show ? "true" : "false"); }
    head.addEventListener("click", function () { set(body.style.display === "none"); });
    set(open);
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return body;
  }

  geomap.fold = function (s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };

  // places: [name, lat, lon, zoom, "other|spellings"], largest first
  geomap.search = function (map, places) {
    var ctl = L.control({position: "topright"});
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", "gm-box gm-search");
      var input = L.DomUtil.create("input", "", div);
      input.placeholder = "Find a place…";
      input.setAttribute("aria-label", "find a place on the map");
      var list = L.DomUtil.create("ul", "gm-hits", div);
      function find(text, most) {
        var q = geomap.fold(text.trim()), exact = [], starts = [], others = [];
        if (!q) return [];
        for (var i = 0; i < places.length && exact.length + starts.length < most; i++) {
          var p = places[i], own = geomap.fold(p[0]), alts = p[4] ? p[4].split("|") : [];
          if (own === q || alts.indexOf(q) >= 0) exact.push(p);
          else if (own.indexOf(q) === 0 || alts.some(function (a) { return a.indexOf(q) === 0; })) starts.push(p);
          else if (q.length > 3 && own.indexOf(q) > 0 && others.length < most) others.push(p);
        }
        return exact.concat(starts, others).slice(0, most);
      }
      function go(hit) {
        map.setView([hit[1], hit[2]], Math.max(map.getZoom(), hit[3]));
        var note = document.createElement("b");
        note.textContent = hit[0];
        L.popup().setLatLng([hit[1], hit[2]]).setContent(note).openOn(map);
        list.innerHTML = "";
      }
      input.addEventListener("input", function () {
        list.innerHTML = "";
        find(input.value, 8).forEach(function (hit) {
          var li = L.DomUtil.create("li", "", list);
          li.textContent = hit[0];
          li.addEventListener("click", function () { input.value = hit[0]; go(hit); });
        });
      });
      input.addEventListener("change", function () {
        var hit = find(input.value, 1)[0];
        if (hit) go(hit);
      });
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    ctl.addTo(map);
  };

  // country and city names from the gazetteer, each from its zoom on: [name, lat, lon, zoom, kind]
  geomap.labels = function (map, labels) {
    map.createPane("gm-labels");
    map.getPane("gm-labels").style.zIndex = 450;
    map.getPane("gm-labels").style.pointerEvents = "none";
    var group = L.layerGroup().addTo(map), made = {};
    function draw() {
      var z = map.getZoom(), view = map.getBounds().pad(0.2);
      group.clearLayers();
      labels.forEach(function (l, i) {
        if (l[3] > z || !view.contains([l[1], l[2]])) return;
        if (!made[i]) {
          var span = document.createElement("span");
          span.textContent = l[0];
          made[i] = L.marker([l[1], l[2]], {pane: "gm-labels", interactive: false, keyboard: false,
            icon: L.divIcon({className: "gm-label gm-label-" + l[4], html: span.outerHTML, iconSize: null})});
        }
        group.addLayer(made[i]);
      });
    }
    map.on("zoomend moveend", draw);
    draw();
  };

  // forces and their unit layers, a switch per force; filters; reports without a precise place
  geomap.panel = function (map, entries) {
    var ctl = L.control({position: "topright"});
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", "gm-box gm-panel gm-layers");
      var body = panel(div, "Forces and filters", !geomap.small());
      var byForce = {}, order = [];
      geomap.layers.forEach(function (l) {
        if (!l.meta.force) return;
        if (!byForce[l.meta.force]) { byForce[l.meta.force] = []; order.push(l.meta.force); }
        byForce[l.meta.force].push(l);
      });
      order.forEach(function (force) {
        var layers = byForce[force], box = L.DomUtil.create("div", "gm-force", body);
        var head = L.DomUtil.create("label", "", box), all = L.DomUtil.create("input", "", head);
        all.type = "checkbox"; all.checked = true;
        var swatch = L.DomUtil.create("span", "", head);
        swatch.innerHTML = geomap.symbol({shape: "troops", colour: layers[0].meta.colour}, 12);
        var n = layers.reduce(function (s, l) { return s + l.meta.n; }, 0);
        head.appendChild(document.createTextNode(" " + force + " (" + n + ")"));
        // unit kinds fold under their force when the map has many forces
        var more = L.DomUtil.create("button", "gm-more", head), units = L.DomUtil.create("div", "", box);
        more.type = "button";
        function showUnits(show) { units.style.display = show ? "" : "none"; more.textContent = show ? "\u25BE" : "\u25B8"; }
        more.setAttribute("aria-label", "unit kinds of " + force);
        more.addEventListener("click", function (ev) { ev.preventDefault(); showUnits(units.style.display === "none"); });
        showUnits(order.length <= 4);
        var subs = layers.map(function (l) {
          var row = L.DomUtil.create("label", "gm-unit", units), c = L.DomUtil.create("input", "", row);
          c.type = "checkbox"; c.checked = map.hasLayer(l.group);
          row.appendChild(document.createTextNode(" " + l.meta.unit.replace("_", " ") + " (" + l.meta.n + ")"));
          c.addEventListener("change", function () { c.checked ? map.addLayer(l.group) : map.removeLayer(l.group); sync(); });
          return c;
        });
        function sync() {
          var on = subs.filter(function (c) { return c.checked; }).length;
          all.checked = on > 0; all.indeterminate = on > 0 && on < subs.length;
        }
        all.addEventListener("change", function () {
          subs.forEach(function (c, i) {
            c.checked = all.checked;
            all.checked ? map.addLayer(layers[i].group) : map.removeLayer(layers[i].group);
          });
          sync();
        });
        sync();
      });
      L.DomUtil.create("b", "", L.DomUtil.create("div", "gm-sec", body)).textContent = "Status";
      geomap.filter.status = {};
      entries.status.forEach(function (s) {
        geomap.filter.status[s[0]] = true;
        var row = L.DomUtil.create("label", "gm-unit", body), c = L.DomUtil.create("input", "", row);
        c.type = "checkbox"; c.checked = true; c.name = "status";
        row.appendChild(document.createTextNode(" " + s[1]));
        c.addEventListener("change", function () { geomap.filter.status[s[0]] = c.checked; geomap.refresh(); });
      });
      var minRow = L.DomUtil.create("label", "gm-sec", body);
      minRow.appendChild(document.createTextNode("Figures of at least "));
      var min = L.DomUtil.create("select", "", minRow);
      [0, 100, 1000, 10000, 100000].forEach(function (v) {
        var o = L.DomUtil.create("option", "", min); o.value = v; o.textContent = v ? v.toLocaleString("en") : "any size";
      });
      min.addEventListener("change", function () { geomap.filter.min = Number(min.value); geomap.refresh(); });
      var confRow = L.DomUtil.create("label", "gm-sec", body);
      var confText = document.createTextNode("Confidence at least 0.0");
      confRow.appendChild(confText);
      var conf = L.DomUtil.create("input", "", confRow);
      conf.type = "range"; conf.min = 0; conf.max = 1; conf.step = 0.1; conf.value = 0;
      conf.setAttribute("aria-label", "minimum confidence");
      conf.addEventListener("input", function () {
        geomap.filter.confidence = Number(conf.value);
        confText.textContent = "Confidence at least " + Number(conf.value).toFixed(1);
        geomap.refresh();
      });
      if (geomap.areaIndex.length) {
        L.DomUtil.create("b", "", L.DomUtil.create("div", "gm-sec", body)).textContent = "Reports for a whole country or region";
        var ul = L.DomUtil.create("ul", "gm-areas", body);
        geomap.areaIndex.forEach(function (a) {
          var li = L.DomUtil.create("li", "", ul), name = L.DomUtil.create("a", "", li);
          name.href = "#"; name.textContent = a.props.name;
          li.appendChild(document.createTextNode(": " + a.props.summary.length + " force" + (a.props.summary.length > 1 ? "s" : "")));
          a.props.summary.forEach(function (line) { L.DomUtil.create("div", "gm-area-sum", li).textContent = line; });
          name.addEventListener("click", function (ev) {
            ev.preventDefault();
            if (!map.hasLayer(a.group)) map.addLayer(a.group);
            map.fitBounds(a.layer.getBounds(), {maxZoom: 6});
            a.layer.openPopup(a.props.at);
          });
        });
      }
      return div;
    };
    ctl.addTo(map);
  };

  geomap.legend = function (map, entries) {
    var ctl = L.control({position: "bottomleft"});
    ctl.onAdd = function () {
      var box = L.DomUtil.create("div", "gm-box gm-legend");
      var div = panel(box, "Legend", !geomap.small() && window.innerHeight > 700);
      function row(svg, text) {
        var r = L.DomUtil.create("div", "", div);
        r.innerHTML = svg;  // a fixed shape; the words go in as text
        r.appendChild(document.createTextNode(" " + text));
        return r;
      }
      function head(text) { L.DomUtil.create("b", "", L.DomUtil.create("div", "", div)).textContent = text; }
      head("Forces");
      var forces = L.DomUtil.create("div", "gm-cols", div);
      entries.forces.forEach(function (f) {
        var r = L.DomUtil.create("span", "", forces);
        r.innerHTML = geomap.symbol({shape: "troops", colour: f[1]}, 12);
        r.appendChild(document.createTextNode(" " + f[0]));
      });
      head("Size: area by count");
      var sizes = L.DomUtil.create("div", "gm-sizes", div);
      entries.sizes.forEach(function (s) {
        var r = L.DomUtil.create("span", "", sizes), d = Math.round(2 * s[1]);
        r.innerHTML = geomap.symbol({shape: "troops", colour: "#777"}, d);
        r.appendChild(document.createTextNode(" " + s[0]));
      });
      L.DomUtil.create("div", "gm-note", div).textContent = "troops; a tank, jet, ship or battalion counts as " + entries.weight;
      head("Unit kinds");
      var units = L.DomUtil.create("div", "gm-cols", div);
      entries.units.forEach(function (u) {
        var r = L.DomUtil.create("span", "", units);
        r.innerHTML = geomap.symbol({shape: u[0], colour: "#444"}, 12);
        r.appendChild(document.createTextNode(" " + u[1]));
      });
      head("Figures and places");
      row(geomap.symbol({shape: "troops", colour: "#444"}, 14), "firm figure");
      row(geomap.symbol({shape: "troops", colour: "#444", vague: true}, 14), "vague (\u201cthousands\u201d)");
      row(geomap.symbol({shape: "troops", colour: "#444", uncertain: true}, 14), "planned or on alert");
      row('<svg width="14" height="14"><line x1="0" y1="7" x2="14" y2="7" stroke="#444" stroke-width="5" opacity="0.55"/></svg>',
          "along a border (on the border line)");
      row('<svg width="14" height="14"><rect x="1" y="1" width="12" height="12" fill="#444" fill-opacity="0.07" stroke="#444" stroke-dasharray="3 2"/></svg>',
          "a whole country or region");
      row(geomap.symbol({shape: "mention", colour: "#555"}, 14), "place named (mentions layer)");
      return box;
    };
    ctl.addTo(map);
  };
})();
