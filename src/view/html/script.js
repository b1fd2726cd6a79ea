(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("roadmap-data").textContent);
  var diagram = document.getElementById("diagram");
  var svg = diagram.querySelector("svg");
  var panel = document.getElementById("panel");
  var details = document.getElementById("details");
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var noticeList = document.getElementById("notices");
  var dialog = document.getElementById("dialog");

  // ---- The curriculum, read as the command line reads it ----

  var topics = new Map();
  var at = new Map();
  var names = new Map();
  var titles = new Map();
  data.topics.forEach(function (t, i) {
    topics.set(t.id, t);
    at.set(t.id, i);
    [t.id].concat(t.aliases).forEach(function (n) { names.set(n.toLowerCase(), t.id); });
    var title = t.title.trim().toLowerCase();
    if (!titles.has(title)) { titles.set(title, t.id); }
  });
  var count = data.topics.length;
  // Per topic, by reading position: its prerequisites and dependents as
  // [position, recommends?] pairs, requires first, as the graph keeps them.
  var before = data.topics.map(function () { return []; });
  var after = data.topics.map(function () { return []; });
  data.topics.forEach(function (t, i) {
    [[t.requires, false], [t.recommends, true]].forEach(function (list) {
      list[0].forEach(function (e) {
        var p = at.get(e.id);
        if (p === undefined) { return; }
        before[i].push([p, list[1]]);
        after[p].push([i, list[1]]);
      });
    });
  });

  // Finds a topic by id, alias or title, ignoring case: `catalog.lookup`.
  function lookup(name) {
    var q = String(name).trim().toLowerCase();
    if (!q) { return undefined; }
    return names.get(q) || titles.get(q);
  }

  function follows(recommends) { return data.recommended || !recommends; }

  function hoursOf(i) { return data.topics[i].hours || 0; }

  // The topics reached from `starts` against the edges `follow` accepts,
  // never entering a `blocked` one: `path::ancestors`.
  function ancestors(starts, follow, blocked) {
    var seen = new Uint8Array(count);
    var stack = [];
    starts.forEach(function (s) {
      if (!blocked[s] && !seen[s]) { seen[s] = 1; stack.push(s); }
    });
    while (stack.length) {
      before[stack.pop()].forEach(function (edge) {
        var p = edge[0];
        if (follow(edge[1]) && !seen[p] && !blocked[p]) { seen[p] = 1; stack.push(p); }
      });
    }
    return seen;
  }

  // The topics that count as known: the done ones and all they require.
  function knownClosure(done) {
    return ancestors(done, function (recommends) { return !recommends; }, new Uint8Array(count));
  }

  // A heap of reading positions, smallest first.
  function Heap() { this.items = []; }
  Heap.prototype.push = function (x) {
    var a = this.items, n = a.length;
    a.push(x);
    while (n > 0) {
      var parent = (n - 1) >> 1;
      if (a[parent] <= x) { break; }
      a[n] = a[parent]; n = parent;
    }
    a[n] = x;
  };
  Heap.prototype.pop = function () {
    var a = this.items, top = a[0], last = a.pop(), n = 0;
    if (!a.length) { return top; }
    for (;;) {
      var c = 2 * n + 1;
      if (c >= a.length) { break; }
      if (c + 1 < a.length && a[c + 1] < a[c]) { c += 1; }
      if (a[c] >= last) { break; }
      a[n] = a[c]; n = c;
    }
    a[n] = last;
    return top;
  };

  // Kahn's algorithm over the wanted topics, the earliest ready topic in
  // reading order first: `path::topological_order`.
  function topologicalOrder(wanted) {
    var waiting = new Uint32Array(count);
    var ready = new Heap();
    for (var i = 0; i < count; i++) {
      if (!wanted[i]) { continue; }
      var n = 0;
      before[i].forEach(function (edge) { if (follows(edge[1]) && wanted[edge[0]]) { n += 1; } });
      waiting[i] = n;
      if (n === 0) { ready.push(i); }
    }
    var order = [];
    while (ready.items.length) {
      var t = ready.pop();
      order.push(t);
      after[t].forEach(function (edge) {
        var d = edge[0];
        if (follows(edge[1]) && wanted[d]) {
          waiting[d] -= 1;
          if (waiting[d] === 0) { ready.push(d); }
        }
      });
    }
    return order;
  }

  // The study path to `goals` for a learner who has done `done` (positions):
  // `StudyPath::to`.
  function studyPath(goals, done) {
    var known = knownClosure(done);
    var wanted = ancestors(goals, follows, known);
    var order = topologicalOrder(wanted);
    var total = 0;
    order.forEach(function (t) { total += hoursOf(t); });
    return { topics: order, hours: total, known: known };
  }

  var EPSILON = 1e-9;

  function positionsOf(path) {
    var positions = new Map();
    path.topics.forEach(function (t, n) { positions.set(t, n); });
    return positions;
  }

  // The chain of prerequisites on the path with the most hours, ties broken
  // as `plan::critical_chain` breaks them.
  function criticalChain(path) {
    var positions = positionsOf(path);
    var best = [], from = [];
    path.topics.forEach(function (t, n) {
      var longest = null;
      before[t].forEach(function (edge) {
        var b = positions.get(edge[0]);
        if (b === undefined || !follows(edge[1])) { return; }
        if (longest !== null && best[longest] > best[b] + EPSILON) { return; }
        if (longest !== null && best[b] <= best[longest] + EPSILON && longest < b) { return; }
        longest = b;
      });
      best[n] = hoursOf(t) + (longest === null ? 0 : best[longest]);
      from[n] = longest;
    });
    var end = null;
    for (var n = 0; n < path.topics.length; n++) {
      if (end === null || best[n] + EPSILON >= best[end]) { end = n; }
    }
    var chain = [];
    for (var k = end; k !== null; k = from[k]) { chain.push(path.topics[k]); }
    chain.reverse();
    return { topics: chain, hours: end === null ? 0 : best[end] };
  }

  // The path's topics that can be started now, ranked as `plan::next` ranks
  // them: the longest chain of hours they start, then how many topics they
  // open, then path order.
  function nextTopics(path) {
    var positions = positionsOf(path);
    var len = path.topics.length;
    var chain = new Array(len), opens = new Array(len).fill(0), ready = [];
    for (var n = len - 1; n >= 0; n--) {
      var most = 0;
      after[path.topics[n]].forEach(function (edge) {
        var d = positions.get(edge[0]);
        if (d !== undefined && follows(edge[1])) { most = Math.max(most, chain[d]); }
      });
      chain[n] = hoursOf(path.topics[n]) + most;
    }
    path.topics.forEach(function (t, n) {
      var only = null, several = false;
      before[t].forEach(function (edge) {
        var b = positions.get(edge[0]);
        if (b === undefined || !follows(edge[1])) { return; }
        if (only === null) { only = b; } else if (only !== b) { several = true; }
      });
      if (only === null) { ready.push(n); } else if (!several) { opens[only] += 1; }
    });
    ready.sort(function (a, b) {
      return (chain[b] - chain[a]) || (opens[b] - opens[a]) || (a - b);
    });
    return ready.map(function (n) {
      return { topic: path.topics[n], chain_hours: chain[n], opens: opens[n] };
    });
  }

  function allPositions() {
    var all = [];
    for (var i = 0; i < count; i++) { all.push(i); }
    return all;
  }

  // ---- The learner's marks ----

  var MARKS = { done: "done", doing: "in progress", skipped: "skipped" };
  var state = { marks: new Map(), goals: [] };
  var storage = null;
  try { storage = window.localStorage; storage.getItem(data.key); } catch (e) { storage = null; }

  function doneTopics() {
    var done = [];
    state.marks.forEach(function (mark, id) { if (mark === "done") { done.push(at.get(id)); } });
    return done.sort(function (a, b) { return a - b; });
  }

  function goalPositions() {
    return state.goals.map(function (id) { return at.get(id); });
  }

  function save() {
    if (!storage) { return; }
    var marks = {};
    state.marks.forEach(function (mark, id) { marks[id] = mark; });
    try {
      storage.setItem(data.key, JSON.stringify({
        version: 1, title: data.title, marks: marks, goals: state.goals, saved: new Date().toISOString()
      }));
    } catch (e) {
      notice("The browser refused to keep your marks (" + e.name + "); export them to keep them.");
    }
  }

  // Reads a kept entry: its marks and goals for topics this page has, and
  // how many it names that the page does not have; null if it is not one.
  function readEntry(raw) {
    var entry;
    try { entry = JSON.parse(raw); } catch (e) { return null; }
    if (!entry || typeof entry !== "object" || entry.version !== 1 ||
        !entry.marks || typeof entry.marks !== "object" || Array.isArray(entry.marks)) { return null; }
    var marks = new Map(), dropped = 0;
    Object.keys(entry.marks).forEach(function (id) {
      var mark = entry.marks[id];
      if (!Object.prototype.hasOwnProperty.call(MARKS, mark)) { dropped += 1; } else if (topics.has(id)) { marks.set(id, mark); } else { dropped += 1; }
    });
    var goals = (Array.isArray(entry.goals) ? entry.goals : []).filter(function (id) {
      return typeof id === "string" && topics.has(id);
    });
    return { marks: marks, goals: goals, dropped: dropped, saved: String(entry.saved || "") };
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : (many || one + "s")); }

  function restore() {
    if (!storage) {
      notice("This browser keeps nothing for this page, so marks last until it is closed; export them to keep them.");
      return false;
    }
    var raw = storage.getItem(data.key);
    if (raw !== null) {
      var entry = readEntry(raw);
      if (!entry) {
        var backup = data.key + ":unreadable";
        if (storage.getItem(backup) === null) {
          try { storage.setItem(backup, raw); } catch (e) { /* kept where it was */ }
        }
        storage.removeItem(data.key);
        notice("The marks kept for this roadmap could not be read, so the page starts without them. " +
          "What was kept is saved under \u201c" + backup + "\u201d in the browser's storage.");
        return false;
      }
      state.marks = entry.marks;
      state.goals = entry.goals;
      if (entry.dropped) {
        notice("Ignored " + plural(entry.dropped, "kept mark") + " for topics this roadmap does not have.");
      }
      return true;
    }
    // An earlier version of the same curriculum: the same title, other ids.
    var prefix = data.key.slice(0, data.key.lastIndexOf(":") + 1);
    var found = null;
    for (var k = 0; k < storage.length; k++) {
      var key = storage.key(k);
      if (!key || key === data.key || key.indexOf(prefix) !== 0 || key.slice(prefix.length).indexOf(":") >= 0) { continue; }
      var earlier = readEntry(storage.getItem(key));
      if (earlier && (!found || earlier.saved > found.saved)) { found = earlier; }
    }
    if (found && found.marks.size) {
      state.marks = found.marks;
      state.goals = found.goals;
      notice("This roadmap has changed since you last marked it: kept " + plural(found.marks.size, "mark") +
        (found.dropped ? ", dropped " + plural(found.dropped, "mark") + " for topics it no longer has" : "") + ".");
      save();
      return true;
    }
    return false;
  }

  function sameMarks(a, b) {
    if (a.size !== b.size) { return false; }
    var same = true;
    a.forEach(function (mark, id) { if (b.get(id) !== mark) { same = false; } });
    return same;
  }

  function describeMarks(marks) {
    var counts = { done: 0, doing: 0, skipped: 0 };
    marks.forEach(function (mark) { counts[mark] += 1; });
    var parts = Object.keys(MARKS).filter(function (m) { return counts[m]; }).map(function (m) {
      return counts[m] + " " + MARKS[m];
    });
    return parts.length ? parts.join(", ") : "no marks";
  }

  function setMark(id, mark) {
    if (mark) { state.marks.set(id, mark); } else { state.marks.delete(id); }
    save();
    refresh();
  }

  // ---- Progress files: what `--progress` reads ----

  var IMPORT_LIMIT = 1 << 20;
  var SHOWN_LINES = 10;

  function exportText() {
    var lines = [
      "# prereq progress: " + data.title.replace(/[\r\n]+/g, " "),
      "# curriculum " + data.key.slice(data.key.lastIndexOf(":") + 1) + ", exported " + new Date().toISOString().slice(0, 10),
      "# Done topics, one a line, as `prereq path --progress FILE` reads them."
    ];
    var rest = [];
    data.topics.forEach(function (t) {
      var mark = state.marks.get(t.id);
      if (mark === "done") { lines.push(t.id); } else if (mark) { rest.push("# " + MARKS[mark] + ": " + t.id); }
    });
    return lines.concat(rest).join("\n") + "\n";
  }

  // Strips a comment as `input::list` does: a `#` at the start of a line or
  // after whitespace.
  function stripComment(line) {
    var blank = true;
    for (var k = 0; k < line.length; k++) {
      var c = line[k];
      if (c === "#" && blank) { return line.slice(0, k); }
      blank = /\s/.test(c);
    }
    return line;
  }

  // Reads a progress file: marks by id, the lines that name no topic, and
  // what was passed over.
  function parseProgress(text, size) {
    var result = { marks: new Map(), unknown: [], ignored: [], refused: null };
    if (text.indexOf("\u0000") >= 0 || (text.match(/\uFFFD/g) || []).length > text.length / 100) {
      result.refused = "it is not a text file";
      return result;
    }
    if (size > IMPORT_LIMIT) {
      result.ignored.push("everything past its first megabyte (it has " + (size / 1048576).toFixed(1) + " MB)");
      text = text.slice(0, text.lastIndexOf("\n") + 1);
    }
    text.split(/\r?\n/).forEach(function (line, n) {
      var mark = "done", name;
      var note = /^\s*#\s*(in progress|skipped):\s*(.*)$/i.exec(line);
      if (note) {
        mark = note[1].toLowerCase() === "skipped" ? "skipped" : "doing";
        name = note[2].trim();
      } else {
        name = stripComment(line).trim();
      }
      if (!name) { return; }
      var id = lookup(name);
      if (id === undefined) {
        result.unknown.push({ line: n + 1, name: name });
      } else if (mark === "done" || result.marks.get(id) !== "done") {
        result.marks.set(id, mark);
      }
    });
    return result;
  }

  function shorten(text) {
    return text.length > 40 ? text.slice(0, 39) + "\u2026" : text;
  }

  function unknownLines(unknown) {
    var shown = unknown.slice(0, SHOWN_LINES).map(function (u) {
      return "line " + u.line + " (\u201c" + shorten(u.name) + "\u201d)";
    });
    if (unknown.length > SHOWN_LINES) { shown.push(plural(unknown.length - SHOWN_LINES, "more line")); }
    return shown.join(", ");
  }

  function importProgress(text, size, from) {
    var read = parseProgress(text, size);
    if (read.refused) {
      notice("Nothing was imported from " + from + ": " + read.refused + ".");
      return;
    }
    var said = [];
    if (read.unknown.length) { said.push("these name no topic and were left out: " + unknownLines(read.unknown)); }
    read.ignored.forEach(function (i) { said.push("ignored " + i); });
    var tell = function (what) {
      notice(what + (said.length ? "; " + said.join("; ") : "") + ".");
    };
    if (!read.marks.size) {
      tell("Nothing was imported from " + from);
      return;
    }
    var apply = function (merge) {
      var marks = merge ? new Map(state.marks) : new Map();
      read.marks.forEach(function (mark, id) { marks.set(id, mark); });
      state.marks = marks;
      save();
      refresh();
      tell("Imported " + describeMarks(read.marks) + " from " + from);
    };
    if (!state.marks.size || sameMarks(state.marks, read.marks)) {
      apply(false);
      return;
    }
    ask(from + " has " + describeMarks(read.marks) + "; you have " + describeMarks(state.marks) + ".", [
      { label: "Replace mine", action: function () { apply(false); } },
      { label: "Add to mine", action: function () { apply(true); } },
      { label: "Cancel", action: function () { notice("Nothing was imported."); } }
    ]);
  }

  // ---- A plan in the page's address: #goal=a,b&done=c,d ----

  var FRAGMENT_LIMIT = 100000;

  function fragmentText() {
    var parts = [];
    if (state.goals.length) { parts.push("goal=" + state.goals.map(encodeURIComponent).join(",")); }
    Object.keys(MARKS).forEach(function (mark) {
      var ids = data.topics.filter(function (t) { return state.marks.get(t.id) === mark; }).map(function (t) {
        return encodeURIComponent(t.id);
      });
      if (ids.length) { parts.push(mark + "=" + ids.join(",")); }
    });
    return parts.join("&");
  }

  function readFragment(hash) {
    var plan = { goals: [], marks: new Map(), ignored: [] };
    var text = hash.replace(/^#/, "");
    if (text.length > FRAGMENT_LIMIT) {
      plan.ignored.push("everything past its first " + FRAGMENT_LIMIT + " characters");
      text = text.slice(0, FRAGMENT_LIMIT);
    }
    text.split("&").forEach(function (part) {
      if (!part) { return; }
      var eq = part.indexOf("=");
      var key = eq < 0 ? part : part.slice(0, eq);
      var value = eq < 0 ? "" : part.slice(eq + 1);
      if (key !== "goal" && !Object.prototype.hasOwnProperty.call(MARKS, key)) {
        plan.ignored.push("\u201c" + shorten(key) + "\u201d, which the page does not know");
        return;
      }
      value.split(",").forEach(function (raw) {
        var name;
        try { name = decodeURIComponent(raw.replace(/\+/g, " ")); } catch (e) {
          plan.ignored.push("\u201c" + shorten(raw) + "\u201d, which is not a name");
          return;
        }
        if (!name.trim()) { return; }
        var id = lookup(name);
        if (id === undefined) {
          plan.ignored.push("\u201c" + shorten(name) + "\u201d, which names no topic");
        } else if (key === "goal") {
          if (plan.goals.indexOf(id) < 0) { plan.goals.push(id); }
        } else if (key === "done" || plan.marks.get(id) !== "done") {
          plan.marks.set(id, key);
        }
      });
    });
    return plan;
  }

  function clearFragment() {
    if (location.hash && history.replaceState) {
      history.replaceState(null, "", location.pathname + location.search);
    }
  }

  function openFragment(hadKept) {
    if (!location.hash || location.hash === "#") { return false; }
    var plan = readFragment(location.hash);
    var ignored = plan.ignored.length ? " Ignored from the link: " + plan.ignored.slice(0, SHOWN_LINES).join(", ") +
      (plan.ignored.length > SHOWN_LINES ? " and " + (plan.ignored.length - SHOWN_LINES) + " more" : "") + "." : "";
    if (!plan.goals.length && !plan.marks.size) {
      if (ignored) { notice("The link carries no plan this roadmap can use." + ignored); }
      clearFragment();
      return false;
    }
    var describe = (plan.goals.length ? "goal " + plan.goals.join(", ") + ", " : "") + describeMarks(plan.marks);
    var use = function () {
      state.goals = plan.goals.length ? plan.goals : state.goals;
      state.marks = plan.marks.size ? plan.marks : state.marks;
      save();
      clearFragment();
      refresh();
      fitToGoal();
      notice("Opened the plan in the link: " + describe + "." + ignored);
    };
    // Only marks are asked about: a link with goals alone changes no mark.
    var replacesMarks = plan.marks.size > 0 && !sameMarks(plan.marks, state.marks);
    if (!hadKept || !state.marks.size || !replacesMarks) {
      use();
      return true;
    }
    ask("This link carries a plan (" + describe + "). You have " + describeMarks(state.marks) +
      " kept in this browser. Replace them with the link's?" + ignored, [
      { label: "Use the link's plan", action: use },
      { label: "Keep mine", action: function () { clearFragment(); notice("Kept your marks; the link's plan was not used."); } }
    ]);
    return true;
  }

  // ---- The page ----

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function button(text, action, className) {
    var b = el("button", text, className);
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  }

  function notice(text) {
    var li = el("li", text);
    li.appendChild(button("\u00d7", function () { li.remove(); }, "dismiss"));
    noticeList.appendChild(li);
    noticeList.hidden = false;
  }

  function ask(text, choices) {
    dialog.textContent = "";
    dialog.appendChild(el("p", text));
    var row = el("div", null, "choices");
    choices.forEach(function (choice) {
      row.appendChild(button(choice.label, function () { dialog.hidden = true; dialog.textContent = ""; choice.action(); }));
    });
    dialog.appendChild(row);
    dialog.hidden = false;
    var first = row.querySelector("button");
    if (first) { first.focus(); }
  }

  function isWebUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\/\s]/i.test(url);
  }

  function hours(h) {
    var r = Math.round(h * 10) / 10;
    return (r % 1 === 0 ? r.toFixed(0) : r.toFixed(1)) + (r === 1 ? " hour" : " hours");
  }

  function nodeOf(id) { return document.getElementById("topic:" + id); }

  function clearClass(name) {
    Array.prototype.forEach.call(diagram.querySelectorAll("." + name), function (e) {
      e.classList.remove(name);
    });
  }

  var selected = null;

  function highlight(path, focus) {
    clearClass("on-path");
    clearClass("selected");
    var on = new Set(path.map(function (i) { return data.topics[i].id; }));
    on.forEach(function (id) {
      var n = nodeOf(id);
      if (n) { n.classList.add("on-path"); }
    });
    Array.prototype.forEach.call(diagram.querySelectorAll("g.edge"), function (e) {
      var parts = e.id.split(":");
      if (parts.length === 3 && parts[0] === "edge" && on.has(parts[1]) && on.has(parts[2])) {
        e.classList.add("on-path");
      }
    });
    diagram.classList.toggle("focus", focus);
  }

  function topicButton(id) {
    var t = topics.get(id);
    var b = button(t ? t.title : id, function () { select(id); }, "topic");
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

  // The done topics a known topic is known through.
  function knownThrough(i) {
    return doneTopics().filter(function (d) { return d !== i && knownClosure([d])[i]; });
  }

  function markButtons(t) {
    var row = el("div", null, "marks");
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Mark this topic");
    var current = state.marks.get(t.id);
    [["done", "Done", "d"], ["doing", "In progress", "p"], ["skipped", "Skipped", "s"]].forEach(function (m) {
      var b = button(m[1], function () { setMark(t.id, current === m[0] ? null : m[0]); }, "mark mark-" + m[0]);
      b.id = "mark-" + m[0];
      b.title = m[1] + " (key " + m[2] + ")";
      b.setAttribute("aria-pressed", String(current === m[0]));
      row.appendChild(b);
    });
    var clear = button("Clear", function () { setMark(t.id, null); }, "mark");
    clear.id = "mark-clear";
    clear.title = "Clear the mark (key x)";
    row.appendChild(clear);
    var goal = state.goals.indexOf(t.id) >= 0;
    var g = button(goal ? "Not a goal" : "Make it a goal", function () { toggleGoal(t.id); }, "mark goal");
    g.id = "mark-goal";
    g.title = "Add it to your goals, or take it out (key g)";
    row.appendChild(g);
    return row;
  }

  function showTopic(id) {
    var t = topics.get(id);
    var i = at.get(id);
    var path = studyPath([i], doneTopics());
    var full = studyPath([i], []);
    highlight(path.topics, true);
    var n = nodeOf(id);
    if (n) { n.classList.add("selected"); }
    details.textContent = "";
    details.appendChild(el("h2", t.title));
    var ids = [t.id].concat(t.aliases).join(", ");
    details.appendChild(el("p", ids, "meta"));
    if (t.section) { details.appendChild(el("p", t.section, "meta")); }
    if (t.context) { details.appendChild(el("p", "Drawn faded: a prerequisite from outside the sections in this picture.", "meta context")); }
    if (t.hours) { details.appendChild(el("p", hours(t.hours), "meta hours")); }
    details.appendChild(markButtons(t));
    var mark = state.marks.get(id);
    if (mark) {
      details.appendChild(el("p", "Marked " + MARKS[mark] + ".", "meta status"));
    }
    if (path.known[i] && mark !== "done") {
      var through = knownThrough(i).map(function (d) { return data.topics[d].id; });
      details.appendChild(el("p", "Known through " + through.join(", ") + ".", "meta status"));
    }
    if (t.summary) { details.appendChild(el("p", t.summary, "summary")); }
    var knownOnPath = full.topics.length - path.topics.length;
    details.appendChild(el("p", "Study path: " + plural(path.topics.length, "topic") +
      (path.hours ? ", " + hours(path.hours) : "") + (knownOnPath ? " left, " + knownOnPath + " known" : "") +
      " (highlighted)", "meta path"));
    edgeList("Requires", t.requires);
    edgeList("Recommends", t.recommends);
    edgeList("Unlocks", t.unlocks.map(function (u) { return { id: u }; }));
    if (t.resources.length) {
      details.appendChild(el("h3", "Resources"));
      details.appendChild(resourceList(t, false));
    }
    panel.hidden = false;
  }

  function resourceList(t, written) {
    var ul = el("ul", null, "resources");
    t.resources.forEach(function (r) {
      var li = el("li");
      if (isWebUrl(r.url)) {
        var a = el("a", r.title);
        a.href = r.url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        li.appendChild(a);
        if (written) { li.appendChild(el("span", " " + r.url, "url")); }
      } else {
        li.appendChild(el("span", r.title + " (" + r.text + ")"));
      }
      var about = [r.author, r.kind, r.note].filter(function (x) { return x; }).join(", ");
      if (about) { li.appendChild(el("span", " \u2014 " + about, "because")); }
      ul.appendChild(li);
    });
    return ul;
  }

  function select(id) {
    if (!topics.has(id)) { return; }
    selected = id;
    refresh();
    var n = nodeOf(id);
    if (n && n.scrollIntoView) { n.scrollIntoView({ block: "center", inline: "center" }); }
  }

  function closePanel() {
    selected = null;
    panel.hidden = true;
    refresh();
  }

  function toggleGoal(id) {
    var k = state.goals.indexOf(id);
    if (k >= 0) { state.goals.splice(k, 1); } else { state.goals.push(id); }
    save();
    refresh();
  }

  // The plan the page shows: the path to the goals (all topics without one)
  // for what is marked done, with its next topics and critical chain.
  function plan(goals, done) {
    var path = studyPath(goals.length ? goals : allPositions(), done);
    return { path: path, next: nextTopics(path), chain: criticalChain(path) };
  }

  function bar(label, doneHours, totalHours, doneTopics, totalTopics) {
    var wrap = el("div", null, "progress");
    var share = totalHours > 0 ? doneHours / totalHours : (totalTopics ? doneTopics / totalTopics : 0);
    wrap.appendChild(el("div", label, "progress-label"));
    var meter = el("div", null, "bar");
    var fill = el("div", null, "fill");
    fill.style.width = (Math.round(share * 1000) / 10) + "%";
    meter.appendChild(fill);
    meter.setAttribute("role", "progressbar");
    meter.setAttribute("aria-valuemin", "0");
    meter.setAttribute("aria-valuemax", "100");
    meter.setAttribute("aria-valuenow", String(Math.round(share * 100)));
    wrap.appendChild(meter);
    wrap.appendChild(el("div", hoursNumber(doneHours) + " of " + hours(totalHours) + ", " +
      doneTopics + " of " + plural(totalTopics, "topic") + " done", "progress-figures"));
    return wrap;
  }

  function hoursNumber(h) {
    var r = Math.round(h * 10) / 10;
    return r % 1 === 0 ? r.toFixed(0) : r.toFixed(1);
  }

  function renderProgress(known, goalPlan) {
    var box = document.getElementById("progress");
    box.textContent = "";
    if (goalPlan) {
      var full = studyPath(goalPositions(), []);
      var left = goalPlan.path;
      box.appendChild(bar("Goal", full.hours - left.hours, full.hours,
        full.topics.length - left.topics.length, full.topics.length));
    }
    var sums = new Map();
    var add = function (key, label, i) {
      if (!sums.has(key)) { sums.set(key, { label: label, hours: 0, done: 0, topics: 0, known: 0 }); }
      var s = sums.get(key);
      s.hours += hoursOf(i);
      s.topics += 1;
      if (known[i]) { s.done += hoursOf(i); s.known += 1; }
    };
    data.topics.forEach(function (t, i) { add("", "Whole roadmap", i); });
    data.sections.forEach(function (s) { sums.set(s.id, { label: s.heading, hours: 0, done: 0, topics: 0, known: 0 }); });
    data.topics.forEach(function (t, i) { if (t.section_id) { add(t.section_id, t.section, i); } });
    sums.forEach(function (s, key) {
      if (!s.topics) { return; }
      var b = bar(s.label, s.done, s.hours, s.known, s.topics);
      b.dataset.section = key;
      box.appendChild(b);
    });
  }

  function renderPlan(known) {
    var goals = goalPositions();
    var shown = plan(goals, doneTopics());
    var chips = document.getElementById("goals");
    chips.textContent = "";
    state.goals.forEach(function (id) {
      var li = el("li", topics.get(id).title, "chip");
      li.dataset.id = id;
      var x = button("\u00d7", function () { toggleGoal(id); }, "dismiss");
      x.title = "Not a goal";
      li.appendChild(x);
      chips.appendChild(li);
    });
    var summary = document.getElementById("goal-summary");
    summary.textContent = "";
    var path = shown.path;
    summary.appendChild(el("p", (goals.length ? "Left to reach " + state.goals.map(function (id) { return topics.get(id).title; }).join(", ") : "No goal chosen: the whole roadmap") +
      ": " + plural(path.topics.length, "topic") + ", " + hours(path.hours) + ".", "left"));
    if (path.topics.length) {
      summary.appendChild(el("p", "Critical chain: " + hours(shown.chain.hours) + ", the least time even studying side by side: " +
        shown.chain.topics.map(function (i) { return data.topics[i].id; }).join(" \u2192 ") + ".", "chain"));
    }
    var list = document.getElementById("next");
    list.textContent = "";
    shown.next.forEach(function (n) {
      var t = data.topics[n.topic];
      var li = el("li");
      li.dataset.id = t.id;
      li.appendChild(topicButton(t.id));
      li.appendChild(el("span", " " + t.id + (t.hours ? ", " + hours(t.hours) : "") +
        "; " + hours(n.chain_hours) + " wait on it", "because"));
      if (state.marks.get(t.id) === "doing") { li.appendChild(el("span", " (in progress)", "because")); }
      if (state.marks.get(t.id) === "skipped") { li.appendChild(el("span", " (skipped)", "because")); }
      list.appendChild(li);
    });
    document.getElementById("next-none").hidden = shown.next.length > 0;
    renderProgress(known, goals.length ? shown : null);
    renderPrint(shown);
    return shown;
  }

  function renderPrint(shown) {
    var out = document.getElementById("print-view");
    out.textContent = "";
    out.appendChild(el("h1", data.title));
    var path = shown.path;
    out.appendChild(el("p", (state.goals.length ? "Study path to " + state.goals.map(function (id) {
      return topics.get(id).title;
    }).join(", ") : "Study path through the whole roadmap") + ": " + plural(path.topics.length, "topic") +
      ", " + hours(path.hours) + " left."));
    var ol = el("ol", null, "checklist");
    path.topics.forEach(function (i) {
      var t = data.topics[i];
      var li = el("li");
      li.appendChild(el("span", state.marks.get(t.id) === "doing" ? "\u25a3 " : "\u2610 ", "box"));
      li.appendChild(el("strong", t.title));
      li.appendChild(el("span", " (" + t.id + ")" + (t.hours ? ", " + hours(t.hours) : ""), "because"));
      if (t.resources.length) { li.appendChild(resourceList(t, true)); }
      ol.appendChild(li);
    });
    out.appendChild(ol);
  }

  function renderMarks(known) {
    ["mark-done", "mark-doing", "mark-skipped", "known-through"].forEach(clearClass);
    data.topics.forEach(function (t, i) {
      var n = nodeOf(t.id);
      if (!n) { return; }
      var mark = state.marks.get(t.id);
      if (mark === "done") { n.classList.add("mark-done"); } else if (known[i]) { n.classList.add("known-through"); }
      if (mark === "doing") { n.classList.add("mark-doing"); }
      if (mark === "skipped") { n.classList.add("mark-skipped"); }
    });
  }

  function refresh() {
    var known = knownClosure(doneTopics());
    renderMarks(known);
    var shown = renderPlan(known);
    if (selected) {
      showTopic(selected);
    } else {
      panel.hidden = true;
      highlight(state.goals.length ? shown.path.topics : [], state.goals.length > 0);
      state.goals.forEach(function (id) {
        var n = nodeOf(id);
        if (n) { n.classList.add("selected"); }
      });
    }
  }

  diagram.addEventListener("click", function (event) {
    var node = event.target.closest ? event.target.closest("g.node") : null;
    if (!node || node.id.indexOf("topic:") !== 0) { return; }
    event.preventDefault();
    select(node.id.slice("topic:".length));
  });

  document.getElementById("close").addEventListener("click", closePanel);

  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return []; }
    var exact = [], starts = [], inside = [];
    data.topics.forEach(function (t) {
      var all = [t.id, t.title].concat(t.aliases).map(function (n) { return n.toLowerCase(); });
      if (all.indexOf(q) >= 0) { exact.push(t); }
      else if (all.some(function (n) { return n.indexOf(q) === 0; })) { starts.push(t); }
      else if (all.some(function (n) { return n.indexOf(q) >= 0; })) { inside.push(t); }
    });
    return exact.concat(starts, inside).slice(0, 20);
  }

  // A search box with its list of matches; `choose` takes the chosen id.
  function picker(input, list, choose, mark) {
    function show() {
      if (mark) { clearClass("match"); }
      list.textContent = "";
      var found = matches(input.value);
      found.forEach(function (t, i) {
        var li = el("li", t.title);
        li.setAttribute("role", "option");
        li.dataset.id = t.id;
        if (i === 0) { li.classList.add("active"); }
        li.appendChild(el("span", t.id + (!t.drawn ? ", not in this picture" : t.context ? ", from another section" : ""), "id"));
        li.addEventListener("click", function () { pick(t.id); });
        list.appendChild(li);
        var n = nodeOf(t.id);
        if (n && mark) { n.classList.add("match"); }
      });
      if (input.value.trim() && !found.length) { list.appendChild(el("li", "No topic matches.", "none")); }
      list.hidden = !input.value.trim();
    }
    function pick(id) {
      list.hidden = true;
      if (mark) { clearClass("match"); }
      choose(id);
    }
    input.addEventListener("input", show);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var first = list.querySelector("li[data-id]");
        if (first) { pick(first.dataset.id); }
      } else if (event.key === "Escape") {
        input.value = "";
        show();
      }
    });
  }

  picker(search, results, select, true);
  var goalSearch = document.getElementById("goal-search");
  picker(goalSearch, document.getElementById("goal-results"), function (id) {
    goalSearch.value = "";
    if (state.goals.indexOf(id) < 0) { toggleGoal(id); }
    fitToGoal();
  }, false);

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (target && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName) && event.key !== "Escape") { return; }
    if (event.key === "Escape" && selected) { closePanel(); return; }
    if (!selected) { return; }
    var keys = { d: "done", p: "doing", s: "skipped" };
    var key = event.key.toLowerCase();
    if (keys[key]) {
      setMark(selected, state.marks.get(selected) === keys[key] ? null : keys[key]);
    } else if (key === "x") {
      setMark(selected, null);
    } else if (key === "g") {
      toggleGoal(selected);
    } else {
      return;
    }
    event.preventDefault();
  });

  // ---- Export, import, link, print ----

  var fileBox = document.getElementById("file-box");
  var fileText = document.getElementById("file-text");
  var fileTitle = document.getElementById("file-title");
  var download = document.getElementById("file-download");
  var importButton = document.getElementById("file-import");

  function showFile(mode) {
    fileBox.hidden = false;
    download.hidden = mode !== "export";
    importButton.hidden = mode !== "import";
    document.getElementById("file-pick-label").hidden = mode !== "import";
    document.getElementById("share-url").hidden = mode !== "share";
  }

  document.getElementById("export").addEventListener("click", function () {
    fileTitle.textContent = "Your progress file: save it, and `prereq path --progress FILE` reads it";
    fileText.value = exportText();
    fileText.readOnly = true;
    showFile("export");
    var blob = new Blob([fileText.value], { type: "text/plain" });
    if (download.href) { URL.revokeObjectURL(download.href); }
    download.href = URL.createObjectURL(blob);
  });

  document.getElementById("import").addEventListener("click", function () {
    fileTitle.textContent = "Paste a progress file, or choose one";
    fileText.value = "";
    fileText.readOnly = false;
    showFile("import");
    fileText.focus();
  });

  importButton.addEventListener("click", function () {
    var text = fileText.value;
    fileBox.hidden = true;
    importProgress(text.slice(0, IMPORT_LIMIT), text.length, "the pasted text");
  });

  document.getElementById("file-pick").addEventListener("change", function (event) {
    var file = event.target.files && event.target.files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () {
      fileBox.hidden = true;
      importProgress(String(reader.result), file.size, "\u201c" + shorten(file.name) + "\u201d");
    };
    reader.onerror = function () { notice("The file could not be read."); };
    reader.readAsText(file.slice(0, IMPORT_LIMIT));
    event.target.value = "";
  });

  document.getElementById("file-close").addEventListener("click", function () { fileBox.hidden = true; });

  document.getElementById("share").addEventListener("click", function () {
    var fragment = fragmentText();
    var url = location.href.replace(/#.*$/, "") + (fragment ? "#" + fragment : "");
    fileTitle.textContent = fragment ? "A link to this plan: the goals and the marks" : "Choose a goal or mark a topic first";
    fileText.value = url;
    fileText.readOnly = true;
    showFile("share");
    fileText.select();
  });

  document.getElementById("print").addEventListener("click", function () { window.print(); });

  document.getElementById("clear-marks").addEventListener("click", function () {
    if (!state.marks.size) { return; }
    ask("Clear all " + describeMarks(state.marks) + "? Export them first to keep a copy.", [
      { label: "Clear them", action: function () { state.marks = new Map(); save(); refresh(); } },
      { label: "Cancel", action: function () {} }
    ]);
  });

  // ---- Zoom ----

  var natural = svg ? { w: parseFloat(svg.getAttribute("width")), h: parseFloat(svg.getAttribute("height")) } : null;
  var scale = 1;
  var pt = 96 / 72;
  function zoom(to) {
    if (!natural) { return; }
    scale = Math.min(4, Math.max(0.1, to));
    svg.setAttribute("width", (natural.w * scale).toFixed(1) + "pt");
    svg.setAttribute("height", (natural.h * scale).toFixed(1) + "pt");
  }
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(scale * 1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(scale / 1.25); });
  document.getElementById("zoom-fit").addEventListener("click", function () {
    if (!natural) { return; }
    zoom(Math.min((diagram.clientWidth - 32) / (natural.w * pt), (diagram.clientHeight - 32) / (natural.h * pt)));
  });

  // Zooms and scrolls so that the goals' path fills the view.
  function fitToGoal() {
    if (!natural || !state.goals.length) { return false; }
    var ids = plan(goalPositions(), []).path.topics.map(function (i) { return data.topics[i].id; });
    var nodes = ids.map(nodeOf).filter(function (n) { return n; });
    if (!nodes.length) { return false; }
    var box = function () {
      var r = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
      nodes.forEach(function (n) {
        var b = n.getBoundingClientRect();
        r.left = Math.min(r.left, b.left); r.top = Math.min(r.top, b.top);
        r.right = Math.max(r.right, b.right); r.bottom = Math.max(r.bottom, b.bottom);
      });
      return r;
    };
    var b = box();
    var w = Math.max(b.right - b.left, 1), h = Math.max(b.bottom - b.top, 1);
    var factor = Math.min((diagram.clientWidth - 48) / w, (diagram.clientHeight - 48) / h);
    zoom(Math.min(scale * factor, 2));
    b = box();
    var view = diagram.getBoundingClientRect();
    diagram.scrollLeft += (b.left + b.right) / 2 - (view.left + view.right) / 2;
    diagram.scrollTop += (b.top + b.bottom) / 2 - (view.top + view.bottom) / 2;
    return true;
  }

  // ---- Start ----

  // The prerequisites from outside the pictured sections, faded; Graphviz
  // dashes them already, and the class keeps them faded under the marks.
  data.topics.forEach(function (t) {
    var n = t.context ? nodeOf(t.id) : null;
    if (n) { n.classList.add("context"); }
  });

  var hadKept = restore();
  if (!hadKept && data.known.length) {
    data.known.forEach(function (id) { state.marks.set(id, "done"); });
  }
  if (!state.goals.length) { state.goals = data.goals.slice(); }
  openFragment(hadKept);
  refresh();
  if (!fitToGoal() && natural && natural.w * pt > diagram.clientWidth - 32) {
    // Start with the whole width in view; the height scrolls.
    zoom((diagram.clientWidth - 32) / (natural.w * pt));
  }
  window.addEventListener("hashchange", function () { if (openFragment(true)) { refresh(); } });

  // The page's answers, for a test to hold equal to the command line's.
  window.prereqRoadmap = {
    plan: function (goalNames, doneNames) {
      var pos = function (list) { return list.map(function (n) { return at.get(lookup(n)); }); };
      var shown = plan(pos(goalNames), pos(doneNames));
      var ids = function (list) { return list.map(function (i) { return data.topics[i].id; }); };
      return {
        path: ids(shown.path.topics),
        total_hours: shown.path.hours,
        critical_chain: { topics: ids(shown.chain.topics), hours: shown.chain.hours },
        next: shown.next.map(function (n) {
          return { id: data.topics[n.topic].id, chain_hours: n.chain_hours, opens: n.opens };
        })
      };
    },
    marks: function () {
      var marks = {};
      state.marks.forEach(function (mark, id) { marks[id] = mark; });
      return marks;
    },
    goals: function () { return state.goals.slice(); },
    exportText: exportText
  };
})();
