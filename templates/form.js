// Keeps answers in localStorage until they are saved, counts progress, and saves the answers
// as an answer file (TOML, SPEC 2.3) through a download. Nothing leaves the device otherwise.
(function () {
  "use strict";
  var form = document.getElementById("answers");
  var key = form.dataset.storage;
  var questions = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
  var status = document.getElementById("status");

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

  function restore() {
    var data = null;
    try { data = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { data = null; }
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

  // TOML basic strings take the same escapes as JSON strings.
  function quoted(text) { return JSON.stringify(text); }

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

  function save(event) {
    event.preventDefault();
    var data = collect();
    if (!data.respondent.trim()) {
      status.textContent = status.dataset.missing;
      form.respondent.focus();
      return;
    }
    var name = data.respondent.trim().replace(/[^A-Za-z0-9._-]+/g, "_") + ".toml";
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([toml(data)], { type: "application/toml" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    localStorage.removeItem(key);
    status.textContent = status.dataset.saved.replace("{file}", name);
    document.getElementById("new").hidden = false;
  }

  form.addEventListener("input", function () {
    try { localStorage.setItem(key, JSON.stringify(collect())); } catch (e) { /* storage full or off: the form still works */ }
    progress();
  });
  form.addEventListener("submit", save);
  document.getElementById("new").addEventListener("click", function () {
    form.reset();
    localStorage.removeItem(key);
    questions.forEach(function (q) { q.querySelector("details").open = false; });
    status.textContent = "";
    this.hidden = true;
    progress();
  });
  restore();
  progress();
})();
