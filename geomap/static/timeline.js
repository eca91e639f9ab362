/* geomap's time control and strength chart, drawn offline from the data in the page.
 *
 * Interface with geomap.js: geomap.timeControl(map, dates, data) calls
 * geomap.timeline.control(map, dates, data); it filters every entry of geomap.layers
 * ([layer, first date, properties with .last], symbols, areas and movement arrows) by date
 * and by geomap.passes (the panel's filters), sets geomap.refresh, and restyles
 * geomap.regionLayer (features with properties.months = {"YYYY-MM": reports}).
 * data: {days: [[date, reports]], places: [[month, force, unit, lat, lon, total, country, is the country]],
 *        areas: [[month, force, unit, area id, total]], names: [[area id, name]], colours: {force: colour}}.
 * Every piece of text goes in with textContent or as an attribute, never as HTML. */
(function () {
  "use strict";
  var geomap = (window.geomap = window.geomap || {});
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var WINDOWS = {week: 7, month: 30, quarter: 91};
  var tl = (geomap.timeline = {state: null});

  function parse(d) { return Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)); }
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }
  function el(tag, cls, parent, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function svg(tag, attrs, parent) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }
  function option(select, value, text) { var o = el("option", "", select, text); o.value = value; return o; }

  // the ends of the slider's steps from the first to the last date: each day, week (Sunday) or month
  tl.steps = function (first, last, step) {
    var out = [], t = parse(first), end = parse(last);
    while (t <= end) {
      var d = new Date(t), stop;
      if (step === "day") stop = t;
      else if (step === "week") stop = t + ((7 - d.getUTCDay()) % 7) * DAY;
      else stop = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
      out.push(iso(Math.min(stop, end)));
      t = stop + DAY;
    }
    return out;
  };

  // is an entry with dates [first, last] shown? undated entries follow the checkbox
  // is an entry with dates [first, last] shown? undated entries follow the checkbox; ``days``, when
  // the entry lists them, are tested one by one (a symbol reported in January and March is not
  // shown as of mid-February)
  tl.visible = function (first, last, s, days) {
    if (!first) return s.undated;
    if (s.until === null) return true;
    if (first > s.until) return false;
    if (s.mode === "cumulative") return true;
    if (days) return days.some(function (d) { return d >= s.from && d <= s.until; });
    return (last || first) >= s.from;
  };

  tl.apply = function (s) {
    geomap.layers.forEach(function (l) {
      var keep = l.entries.filter(function (e) {
        var p = e[2] || {};
        return geomap.passes(e) && tl.visible(e[1], p.last, s, p.days);
      }).map(function (e) { return e[0]; });
      l.group.clearLayers();
      l.group.addLayers ? l.group.addLayers(keep) : keep.forEach(function (m) { l.group.addLayer(m); });
    });
    var regions = geomap.regionLayer;
    if (!regions) return;
    var counts = [];
    regions.eachLayer(function (layer) {
      var p = layer.feature.properties, n = 1;
      if (s.until !== null) {
        n = 0;
        Object.keys(p.months || {}).forEach(function (m) {
          if (m <= s.until.slice(0, 7) && (s.mode === "cumulative" || m >= s.from.slice(0, 7))) n += p.months[m];
        });
      }
      counts.push([layer, n]);
    });
    // the area keeps its shade (the largest troop figure reported there) while a report falls in the window
    counts.forEach(function (c) {
      var p = c[0].feature.properties;
      c[0].setStyle({fillOpacity: c[1] ? p.opacity : 0, opacity: c[1] ? 0.6 : 0.15});
    });
  };

  tl.control = function (map, dates, data) {
    var days = data.days || [];
    var all = dates.slice();
    days.forEach(function (d) { all.push(d[0]); });
    all.sort();
    if (!all.length) { geomap.refresh = function () { tl.apply({until: null, undated: true}); }; return; }
    var first = all[0], last = all[all.length - 1];
    var ctl = L.control({position: "bottomleft"});
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", "gm-box gm-time");
      var label = el("div", "gm-time-label", div);
      var hist = el("div", "gm-hist", div);
      var input = el("input", "", div);
      input.type = "range"; input.step = 1; input.min = 0;
      input.setAttribute("aria-label", "show reports up to this date");
      var opts = el("div", "gm-time-opts", div);
      var undated = el("label", "", opts);
      var box = el("input", "", undated);
      box.type = "checkbox"; box.checked = true;
      undated.appendChild(document.createTextNode(" undated "));
      var mode = el("select", "gm-mode", opts);
      mode.setAttribute("aria-label", "cumulative or as of a date");
      option(mode, "cumulative", "all up to the date");
      option(mode, "asof", "as of the date, within");
      var win = el("select", "gm-window", opts);
      win.setAttribute("aria-label", "window before the date");
      option(win, "week", "a week"); option(win, "month", "a month"); option(win, "quarter", "a quarter");
      win.value = "month";
      var step = el("select", "gm-step", opts);
      step.setAttribute("aria-label", "step of the slider");
      option(step, "day", "by day"); option(step, "week", "by week"); option(step, "month", "by month");
      var back = el("button", "", opts, "\u25C0"), fwd = el("button", "", opts, "\u25B6");
      back.type = fwd.type = "button";
      back.setAttribute("aria-label", "one step back"); fwd.setAttribute("aria-label", "one step on");
      // a step that keeps the slider to a few hundred positions: days up to four months, weeks up to four years
      var span = (parse(last) - parse(first)) / DAY;
      step.value = span <= 120 ? "day" : (span <= 1461 ? "week" : "month");
      var steps = [];

      function rebuild(keepDate) {
        steps = tl.steps(first, last, step.value);
        input.max = steps.length;
        var i = steps.length;
        if (keepDate) { i = 0; while (i < steps.length && steps[i] < keepDate) i++; }
        input.value = i;
        drawHistogram();
      }

      function state() {
        var i = Number(input.value), asof = mode.value === "asof";
        var until = i >= steps.length ? (asof ? last : null) : steps[i];
        var from = until ? iso(parse(until) - (WINDOWS[win.value] - 1) * DAY) : null;
        return {until: until, from: from, mode: asof ? "asof" : "cumulative", undated: box.checked};
      }

      function drawHistogram() {
        while (hist.firstChild) hist.removeChild(hist.firstChild);
        var width = 260, height = 34, n = Math.max(steps.length, 1), bins = steps.map(function () { return 0; });
        var j = 0;
        days.forEach(function (d) {
          while (j < steps.length - 1 && steps[j] < d[0]) j++;
          if (steps.length) bins[j] += d[1];
        });
        var top = Math.max.apply(null, bins.concat([1]));
        var chart = svg("svg", {width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img"}, hist);
        svg("title", {}, chart).textContent = "reports per " + step.value;
        var w = width / n;
        bins.forEach(function (b, k) {
          if (!b) return;
          var h = Math.max(1, Math.round((height - 2) * b / top));
          var bar = svg("rect", {x: (k * w).toFixed(2), y: height - h, width: Math.max(w - 0.5, 0.8).toFixed(2), height: h,
                                 "class": "gm-bar", "data-i": k}, chart);
          svg("title", {}, bar).textContent = steps[k] + ": " + b + " report" + (b === 1 ? "" : "s");
        });
        hist.bars = chart;
      }

      function mark(s) {
        if (!hist.bars) return;
        Array.prototype.forEach.call(hist.bars.querySelectorAll("rect"), function (r) {
          var d = steps[+r.getAttribute("data-i")];
          var on = s.until === null || (d <= s.until && (s.mode === "cumulative" || d >= s.from));
          r.setAttribute("class", on ? "gm-bar gm-on" : "gm-bar");
        });
      }

      function update() {
        var s = state();
        win.disabled = s.mode !== "asof";
        label.textContent = s.until === null
          ? "All dates (" + first + " to " + last + ")"
          : (s.mode === "asof" ? "Reports from " + s.from + " to " + s.until : "Reports up to " + s.until);
        tl.state = s;
        tl.apply(s);
        mark(s);
        if (tl.chart) tl.chart.redraw();
      }

      geomap.refresh = update;  // the filters of the forces panel go through the dates too
      input.addEventListener("input", update);
      box.addEventListener("change", update);
      mode.addEventListener("change", update);
      win.addEventListener("change", update);
      step.addEventListener("change", function () { var s = state(); rebuild(s.until); update(); });
      back.addEventListener("click", function () { input.value = Math.max(0, Number(input.value) - 1); update(); });
      fwd.addEventListener("click", function () { input.value = Math.min(steps.length, Number(input.value) + 1); update(); });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      rebuild(null);
      update();
      return div;
    };
    ctl.addTo(map);
    if ((data.places || []).length || (data.areas || []).length) tl.strengthChart(map, data, ctl.getContainer());
  };

  // -- the strength chart: one line per force, for the area on screen or one chosen --------------
  // it folds under the time control (``host``): a panel of its own would cover others on a small screen
  tl.strengthChart = function (map, data, host) {
    (function () {
      var div = el("div", "gm-strength", host);
      var head = el("div", "gm-strength-head", div);
      var toggle = el("button", "", head, "Strength over time");
      toggle.type = "button";
      var body = el("div", "gm-strength-body", div);
      body.hidden = true;
      toggle.addEventListener("click", function () {
        body.hidden = !body.hidden;
        // the chart grows the time control upwards: the legend below it folds, so both fit the screen
        var legend = document.querySelector(".gm-legend .gm-body"), head = document.querySelector(".gm-legend .gm-head");
        if (!body.hidden && legend && head && legend.style.display !== "none") head.click();
        redraw();
      });
      var area = el("select", "gm-chart-area", body);
      area.setAttribute("aria-label", "the area the chart adds up");
      option(area, "", "area on screen");
      (data.names || []).forEach(function (n) { option(area, n[0], n[1]); });
      var unit = el("select", "gm-chart-unit", body);
      unit.setAttribute("aria-label", "unit kind");
      var units = {};
      (data.places || []).concat(data.areas || []).forEach(function (r) { units[r[2]] = 1; });
      Object.keys(units).sort(function (a, b) { return a === "troops" ? -1 : b === "troops" ? 1 : a < b ? -1 : 1; })
        .forEach(function (u) { option(unit, u, u.replace("_", " ")); });
      var note = el("div", "gm-strength-note", body);
      var plot = el("div", "gm-strength-plot", body);
      var months = {};
      (data.places || []).concat(data.areas || []).forEach(function (r) { months[r[0]] = 1; });
      months = Object.keys(months).sort();
      if (months.length) {  // every month from the first to the last, so that a gap shows as one
        var m = months[0], full = [];
        while (m <= months[months.length - 1]) {
          full.push(m);
          var y = +m.slice(0, 4), mo = +m.slice(5, 7) + 1;
          if (mo > 12) { y += 1; mo = 1; }
          m = y + "-" + (mo < 10 ? "0" : "") + mo;
        }
        months = full;
      }

      function series() {
        var out = {}, bounds = map.getBounds();
        if (area.value) {
          (data.areas || []).forEach(function (r) {
            if (r[3] !== area.value || r[2] !== unit.value) return;
            (out[r[1]] = out[r[1]] || {})[r[0]] = r[4];
          });
        } else {
          // per force, month and country: the country's own figure or the sum of its places,
          // whichever is larger (a claim is never counted twice), added up over the countries
          var parts = {};
          (data.places || []).forEach(function (r) {
            if (r[2] !== unit.value || !bounds.contains([r[3], r[4]])) return;
            var k = r[1] + "\u0000" + r[0] + "\u0000" + r[6];
            var p = (parts[k] = parts[k] || {force: r[1], month: r[0], whole: 0, sum: 0});
            if (r[7]) p.whole = Math.max(p.whole, r[5]); else p.sum += r[5];
          });
          Object.keys(parts).forEach(function (k) {
            var p = parts[k], s = (out[p.force] = out[p.force] || {});
            s[p.month] = (s[p.month] || 0) + Math.max(p.whole, p.sum);
          });
        }
        return out;
      }

      function redraw() {
        if (body.hidden) return;
        while (plot.firstChild) plot.removeChild(plot.firstChild);
        var lines = series(), forces = Object.keys(lines).sort();
        var width = 320, height = 120, left = 46, bottom = 18, top = 0;
        forces.forEach(function (f) { months.forEach(function (m) { top = Math.max(top, lines[f][m] || 0); }); });
        note.textContent = forces.length
          ? "largest claim per place and month, summed over " + (area.value ? "the area's places" : "the places on screen")
          : "no dated reports of this unit kind here";
        if (!forces.length) return;
        var chart = svg("svg", {width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img"}, plot);
        svg("title", {}, chart).textContent = "reported strength by month";
        var n = Math.max(months.length - 1, 1);
        function x(i) { return left + (width - left - 6) * (months.length === 1 ? 0.5 : i / n); }
        function y(v) { return 4 + (height - bottom - 8) * (1 - v / (top || 1)); }
        svg("line", {x1: left, y1: y(0), x2: width - 4, y2: y(0), stroke: "#999"}, chart);
        svg("line", {x1: left, y1: 4, x2: left, y2: y(0), stroke: "#999"}, chart);
        [[top, y(top) + 8], [0, y(0)]].forEach(function (t) {
          svg("text", {x: left - 3, y: t[1], "text-anchor": "end", "class": "gm-axis"}, chart).textContent = t[0].toLocaleString("en");
        });
        svg("text", {x: left, y: height - 4, "class": "gm-axis"}, chart).textContent = months[0];
        svg("text", {x: width - 4, y: height - 4, "text-anchor": "end", "class": "gm-axis"}, chart).textContent = months[months.length - 1];
        var s = tl.state;
        if (s && s.until) {
          var k = months.indexOf(s.until.slice(0, 7));
          if (k >= 0) svg("line", {x1: x(k), y1: 4, x2: x(k), y2: y(0), stroke: "#444", "stroke-dasharray": "2 2", "class": "gm-now"}, chart);
        }
        var colours = data.colours || {};
        forces.forEach(function (f) {
          var pts = [], runs = [], last = -2;
          months.forEach(function (m, i) {
            if (lines[f][m] === undefined) return;
            if (i !== last + 1) runs.push([]);  // a month with no report breaks the line: no strength is drawn across it
            var p = [x(i), y(lines[f][m]), m, lines[f][m]];
            pts.push(p); runs[runs.length - 1].push(p); last = i;
          });
          var colour = colours[f] || "#333";
          runs.forEach(function (run) {
            svg("polyline", {points: run.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" "),
                             fill: "none", stroke: colour, "stroke-width": 1.8, "class": "gm-line"}, chart);
          });
          pts.forEach(function (p) {
            var dot = svg("circle", {cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: 2.5, fill: colour}, chart);
            svg("title", {}, dot).textContent = (f || "unattributed") + " " + p[2] + ": " + p[3].toLocaleString("en");
          });
        });
        var legend = el("div", "gm-strength-legend", plot);
        forces.forEach(function (f) {
          var item = el("span", "", legend);
          var swatch = el("i", "", item);
          swatch.style.background = colours[f] || "#333";
          item.appendChild(document.createTextNode(" " + (f || "unattributed") + " "));
        });
      }

      area.addEventListener("change", redraw);
      unit.addEventListener("change", redraw);
      map.on("moveend", function () { if (!area.value) redraw(); });
      tl.chart = {redraw: redraw, body: body, toggle: toggle, area: area, unit: unit};
    })();
  };
})();
