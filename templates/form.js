// Keeps unsaved answers for this tab only (sessionStorage), or on this device (localStorage)
// if the person chooses so, counts progress, and saves the answers as an answer file (TOML,
// SPEC 2.3) through a download. The form clears only once the person says the file arrived.
// Nothing leaves the device otherwise.
(function () {
  "use strict";
  var form = document.getElementById("answers");
  var key = form.dataset.storage;
  var questions = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
  var status = document.getElementById("status");
  var keep = document.getElementById("keep");
  var confirmBox = document.getElementById("confirm");
  var confirmText = document.getElementById("confirm-text");
  var choices = document.getElementById("confirm-choices");
  var saving = null; // the file name while the person is asked whether it arrived

  function collect() {
    var data = { respondent: form.respondent.value, group: form.group.value, answers: {}, comments: {} };
    questions.forEach(function (q) {
      var id = q.dataset.question;
      var checked = q.querySelector("input[type=radio]:checked");
      if (checked) data.answers[id] = checked.value;
      var comment = q.querySelector("textarea");
      if (comment && comment.value.trim()) data.comments[id] = comment.value;
    });
    return data;
  }

  // The stored answers from window[place] ("sessionStorage" or "localStorage"), or null; a
  // browser with storage switched off throws even on reading.
  function stored(place) {
    try { return JSON.parse(window[place].getItem(key) || "null"); } catch (e) { return null; }
  }

  function forget(place) {
    try { window[place].removeItem(key); } catch (e) { /* storage off: nothing kept */ }
  }

  // Unsaved answers live in this tab only, unless the person chose to keep them on the
  // device; then they live in localStorage only. Turning the choice off removes them there.
  function store() {
    var place = keep.checked ? "localStorage" : "sessionStorage";
    forget(keep.checked ? "sessionStorage" : "localStorage");
    try { window[place].setItem(key, JSON.stringify(collect())); } catch (e) { /* storage full or off: the form still works */ }
  }

  function restore() {
    // this tab's answers first; answers kept on the device mean the choice was made
    var data = stored("sessionStorage");
    if (!data) {
      data = stored("localStorage");
      keep.checked = !!data;
    }
    if (!data) return;
    form.respondent.value = data.respondent || "";
    form.group.value = data.group || "";
    questions.forEach(function (q) {
      var id = q.dataset.question;
      var value = data.answers && data.answers[id];
      q.querySelectorAll("input[type=radio]").forEach(function (r) { r.checked = r.value === value; });
      var comment = q.querySelector("textarea");
      if (comment && data.comments && data.comments[id]) {
        comment.value = data.comments[id];
        q.querySelector("details").open = true;
      }
    });
  }

  function progress() {
    var answered = questions.filter(function (q) { return q.querySelector("input:checked"); }).length;
    var bar = document.getElementById("progress");
    bar.max = questions.length;
    bar.value = answered;
    var text = document.getElementById("progress-text");
    text.textContent = text.dataset.template.replace("{n}", answered).replace("{total}", questions.length);
  }

  // A TOML basic string: quotes, backslashes and control characters (DEL too) escaped; a
  // lone surrogate, which no file can hold, becomes U+FFFD.
  function quoted(text) {
    var out = "\"";
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length) {
        var next = text.charCodeAt(i + 1);
        if (next >= 0xDC00 && next <= 0xDFFF) { out += text[i] + text[i + 1]; i++; continue; }
      }
      if (c >= 0xD800 && c <= 0xDFFF) { out += "\uFFFD"; continue; }
      if (c === 0x22) out += "\\\"";
      else if (c === 0x5C) out += "\\\\";
      else if (c === 0x0A) out += "\\n";
      else if (c === 0x09) out += "\\t";
      else if (c < 0x20 || c === 0x7F) out += "\\u" + ("0000" + c.toString(16)).slice(-4);
      else out += text[i];
    }
    return out + "\"";
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function toml(data) {
    var lines = [
      "questionnaire = " + quoted(form.dataset.questionnaire),
      "questionnaire_version = " + quoted(form.dataset.version),
      "perspective = " + quoted(form.dataset.perspective),
      "respondent = " + quoted(data.respondent.trim())
    ];
    if (data.group.trim()) lines.push("group = " + quoted(data.group.trim()));
    lines.push("date = " + today());
    lines.push("language = " + quoted(form.dataset.lang));
    lines.push("", "[answers]");
    questions.forEach(function (q) {
      var id = q.dataset.question;
      var value = data.answers[id];
      if (value === undefined) return;
      lines.push(quoted(id) + " = " + (value === "na" ? "\"na\"" : String(Number(value))));
    });
    lines.push("", "[comments]");
    questions.forEach(function (q) {
      var id = q.dataset.question;
      if (data.comments[id]) lines.push(quoted(id) + " = " + quoted(data.comments[id].trim()));
    });
    return lines.join("\n") + "\n";
  }

  // A file name for the id that is safe on any system: letters, digits, "-", "_" and single
  // dots; no path, no leading dot (hidden files are not read), no device name, at most 60
  // characters (240 bytes), never empty. The id inside the file stays as typed.
  function fileName(id) {
    var stem = id.normalize("NFC")
      .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, "-")
      .replace(/\.{2,}/g, "-")
      .replace(/-{2,}/g, "-")
      .replace(/^[.-]+/, "");
    stem = Array.from(stem).slice(0, 60).join("").replace(/[.-]+$/, "");
    if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(stem)) stem = "_" + stem;
    return (stem || "answers") + ".toml";
  }

  // The question after a save: did the file arrive? Focus moves to it; only "yes" clears.
  function ask(name) {
    saving = name;
    status.textContent = "";
    confirmText.textContent = confirmBox.dataset.template.replace("{file}", name);
    choices.hidden = false;
    confirmText.focus();
  }

  function settle() {
    saving = null;
    confirmText.textContent = "";
    choices.hidden = true;
  }

  function clear() {
    settle();
    form.reset();
    forget("sessionStorage");
    forget("localStorage");
    questions.forEach(function (q) { q.querySelector("details").open = false; });
    progress();
  }

  function save(event) {
    event.preventDefault();
    var data = collect();
    if (!data.respondent.trim()) {
      status.textContent = status.dataset.missing;
      form.respondent.focus();
      return;
    }
    if (Object.keys(data.answers).length === 0) {
      status.textContent = status.dataset.empty;
      return;
    }
    var name = fileName(data.respondent.trim());
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([toml(data)], { type: "application/toml" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // a download can be cancelled or blocked: the answers stay until the person says it arrived
    ask(name);
  }

  form.addEventListener("input", function () {
    // a change after saving is not in the saved file: clearing now would lose it
    if (saving) settle();
    store();
    progress();
  });
  form.addEventListener("submit", save);
  // Enter in a text field would submit the form half-filled; only the button saves.
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.tagName === "INPUT" && event.target.type !== "submit") event.preventDefault();
  });
  document.getElementById("clear").addEventListener("click", function () {
    clear();
    status.textContent = "";
  });
  // saved is done: on a shared device the next person starts with an empty form
  document.getElementById("confirm-yes").addEventListener("click", function () {
    var name = saving;
    clear();
    status.textContent = status.dataset.saved.replace("{file}", name);
    status.focus();
  });
  document.getElementById("confirm-no").addEventListener("click", function () {
    settle();
    status.textContent = status.dataset.kept;
    form.querySelector("button[type=submit]").focus();
  });
  restore();
  progress();
})();
