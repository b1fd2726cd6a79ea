(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("roadmap-data").textContent);
  var diagram = document.getElementById("diagram");
  var svg = diagram.querySelector("svg");
  var panel = document.getElementById("panel");
  var details = document.getElementById("details");
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var topics = new Map();
  data.topics.forEach(function (t) { topics.set(t.id, t); });

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function isWebUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\/\s]/i.test(url);
  }

  function hours(h) {
    var r = Math.round(h * 10) / 10;
    return (r % 1 === 0 ? r.toFixed(0) : r.toFixed(1)) + (r === 1 ? " hour" : " hours");
  }

  function nodeOf(id) { return document.getElementById("topic:" + id); }

  // The topic and every topic it needs, following recommendations too when
  // the picture draws them.
  function pathTo(id) {
    var seen = new Set([id]);
    var stack = [id];
    while (stack.length) {
      var t = topics.get(stack.pop());
      var edges = data.recommended ? t.requires.concat(t.recommends) : t.requires;
      edges.forEach(function (e) {
        if (!seen.has(e.id) && topics.has(e.id)) { seen.add(e.id); stack.push(e.id); }
      });
    }
    return seen;
  }

  function clearMarks(name) {
    Array.prototype.forEach.call(diagram.querySelectorAll("." + name), function (e) {
      e.classList.remove(name);
    });
  }

  function highlight(id) {
    clearMarks("on-path");
    clearMarks("selected");
    var path = pathTo(id);
    path.forEach(function (t) {
      var n = nodeOf(t);
      if (n) { n.classList.add("on-path"); }
    });
    Array.prototype.forEach.call(diagram.querySelectorAll("g.edge"), function (e) {
      var parts = e.id.split(":");
      if (parts.length === 3 && parts[0] === "edge" && path.has(parts[1]) && path.has(parts[2])) {
        e.classList.add("on-path");
      }
    });
    diagram.classList.add("focus");
    var n = nodeOf(id);
    if (n) {
      n.classList.add("selected");
      if (n.scrollIntoView) { n.scrollIntoView({ block: "center", inline: "center" }); }
    }
    return path;
  }

  function topicButton(id) {
    var t = topics.get(id);
    var b = el("button", t ? t.title : id, "topic");
    b.type = "button";
    b.addEventListener("click", function () { select(id); });
    return b;
  }

  function edgeList(title, edges) {
    if (!edges.length) { return; }
    details.appendChild(el("h3", title));
    var ul = el("ul");
    edges.forEach(function (e) {
      var li = el("li");
      li.appendChild(topicButton(e.id));
      if (e.because) { li.appendChild(el("div", "because: " + e.because, "because")); }
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }

  function select(id) {
    var t = topics.get(id);
    if (!t) { return; }
    var path = highlight(id);
    details.textContent = "";
    details.appendChild(el("h2", t.title));
    var ids = [t.id].concat(t.aliases).join(", ");
    details.appendChild(el("p", ids, "meta"));
    if (t.section) { details.appendChild(el("p", t.section, "meta")); }
    if (t.hours) { details.appendChild(el("p", hours(t.hours), "meta hours")); }
    if (t.summary) { details.appendChild(el("p", t.summary, "summary")); }
    var total = 0;
    path.forEach(function (p) { total += topics.get(p).hours || 0; });
    details.appendChild(el("p", "Study path: " + path.size + (path.size === 1 ? " topic" : " topics") +
      (total ? ", " + hours(total) : "") + " (highlighted)", "meta path"));
    edgeList("Requires", t.requires);
    edgeList("Recommends", t.recommends);
    edgeList("Unlocks", t.unlocks.map(function (u) { return { id: u }; }));
    if (t.resources.length) {
      details.appendChild(el("h3", "Resources"));
      var ul = el("ul", null, "resources");
      t.resources.forEach(function (r) {
        var li = el("li");
        if (isWebUrl(r.url)) {
          var a = el("a", r.title);
          a.href = r.url;
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          li.appendChild(a);
        } else {
          li.appendChild(el("span", r.title + " (" + r.text + ")"));
        }
        var about = [r.author, r.kind, r.note].filter(function (x) { return x; }).join(", ");
        if (about) { li.appendChild(el("span", " \u2014 " + about, "because")); }
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    panel.hidden = false;
  }

  diagram.addEventListener("click", function (event) {
    var node = event.target.closest ? event.target.closest("g.node") : null;
    if (!node || node.id.indexOf("topic:") !== 0) { return; }
    event.preventDefault();
    select(node.id.slice("topic:".length));
  });

  document.getElementById("close").addEventListener("click", function () {
    panel.hidden = true;
    diagram.classList.remove("focus");
    clearMarks("on-path");
    clearMarks("selected");
  });

  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return []; }
    var exact = [], starts = [], inside = [];
    data.topics.forEach(function (t) {
      var names = [t.id, t.title].concat(t.aliases).map(function (n) { return n.toLowerCase(); });
      if (names.indexOf(q) >= 0) { exact.push(t); }
      else if (names.some(function (n) { return n.indexOf(q) === 0; })) { starts.push(t); }
      else if (names.some(function (n) { return n.indexOf(q) >= 0; })) { inside.push(t); }
    });
    return exact.concat(starts, inside).slice(0, 20);
  }

  function showResults() {
    clearMarks("match");
    results.textContent = "";
    var found = matches(search.value);
    found.forEach(function (t, i) {
      var li = el("li", t.title);
      li.setAttribute("role", "option");
      li.dataset.id = t.id;
      if (i === 0) { li.classList.add("active"); }
      li.appendChild(el("span", t.drawn ? t.id : t.id + ", not in this picture", "id"));
      li.addEventListener("click", function () { choose(t.id); });
      results.appendChild(li);
      var n = nodeOf(t.id);
      if (n) { n.classList.add("match"); }
    });
    if (search.value.trim() && !found.length) { results.appendChild(el("li", "No topic matches.", "none")); }
    results.hidden = !search.value.trim();
  }

  function choose(id) {
    results.hidden = true;
    clearMarks("match");
    select(id);
  }

  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = results.querySelector("li[data-id]");
      if (first) { choose(first.dataset.id); }
    } else if (event.key === "Escape") {
      search.value = "";
      showResults();
    }
  });

  var natural = svg ? { w: parseFloat(svg.getAttribute("width")), h: parseFloat(svg.getAttribute("height")) } : null;
  var scale = 1;
  function zoom(to) {
    if (!natural) { return; }
    scale = Math.min(4, Math.max(0.1, to));
    svg.setAttribute("width", (natural.w * scale).toFixed(1) + "pt");
    svg.setAttribute("height", (natural.h * scale).toFixed(1) + "pt");
  }
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(scale * 1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(scale / 1.25); });
  var pt = 96 / 72;
  document.getElementById("zoom-fit").addEventListener("click", function () {
    if (!natural) { return; }
    zoom(Math.min((diagram.clientWidth - 32) / (natural.w * pt), (diagram.clientHeight - 32) / (natural.h * pt)));
  });
  // Start with the whole width in view; the height scrolls.
  if (natural && natural.w * pt > diagram.clientWidth - 32) {
    zoom((diagram.clientWidth - 32) / (natural.w * pt));
  }
})();
