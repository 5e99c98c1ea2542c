// 法治报告审核 · the little script the pages use. Every page works without it (plain forms, a refreshing
// batch page); with it: drag and drop, uploads without leaving the page, a gap -> its sentence, live progress.
"use strict";

(function () {
  var MB = 1024 * 1024;

  function $(sel, root) { return (root || document).querySelector(sel); }

  function say(el, text, bad) {
    if (!el) return;
    el.textContent = text;
    el.classList.toggle("bad", !!bad);
  }

  function limitBytes() {
    var v = document.body.getAttribute("data-max-mb");
    return v ? parseInt(v, 10) * MB : 0;
  }

  // ---- uploads: a drop zone around each file input; the form is sent with fetch
  function wireDrop(drop, input, nameEl) {
    if (!drop || !input) return;
    function show() {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      nameEl.textContent = names.length > 3 ? names.slice(0, 3).join("、") + " 等 " + names.length + " 个文件"
                                           : names.join("、");
    }
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      drop.addEventListener(t, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        show();
        var form = input.form;
        if (form && form.id === "check-form") form.requestSubmit();
      }
    });
  }

  function tooBig(files) {
    var limit = limitBytes();
    for (var i = 0; i < files.length; i++) {
      if (limit && files[i].size > limit && !/\.zip$/i.test(files[i].name)) return files[i];
    }
    return null;
  }

  function sendForm(form, statusEl, busyText) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var input = form.querySelector("input[type=file]");
      if (input && input.files.length) {
        var big = tooBig(input.files);
        if (big) {
          say(statusEl, big.name + "：文件过大（" + (big.size / MB).toFixed(1) + " MB），超过每个文件 " +
              document.body.getAttribute("data-max-mb") + " MB 的上限", true);
          return;
        }
      }
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      say(statusEl, busyText);
      fetch(form.action, { method: "POST", body: new FormData(form), headers: { "X-Requested-With": "fetch" } })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (res.ok && res.body.url) { window.location.assign(res.body.url); return; }
          say(statusEl, (res.body && res.body.error) || "上传失败，请重试", true);
          if (button) button.disabled = false;
        })
        .catch(function () {
          say(statusEl, "无法连接到审核服务，请确认服务仍在运行后重试", true);
          if (button) button.disabled = false;
        });
    });
  }

  // ---- result: a gap (or a checklist row) -> its sentence in the text
  function wireGaps() {
    var text = $("#doc-text");
    if (!text) return;
    function go(id, from) {
      var marks = text.querySelectorAll("mark.ev");
      var first = null;
      document.querySelectorAll("mark.ev.active, .gap.active").forEach(function (m) { m.classList.remove("active"); });
      marks.forEach(function (m) {
        if ((" " + m.getAttribute("data-f") + " ").indexOf(" " + id + " ") >= 0) {
          m.classList.add("active");
          if (!first) first = m;
        }
      });
      if (from && from.classList.contains("gap")) from.classList.add("active");
      if (first) {
        var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        first.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
      }
    }
    document.addEventListener("click", function (e) {
      var el = e.target.closest("[data-goto]");
      if (el) go(el.getAttribute("data-goto"), el);
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.key !== " ") return;
      var el = e.target.closest && e.target.closest("[data-goto]");
      if (el) { e.preventDefault(); go(el.getAttribute("data-goto"), el); }
    });
  }

  // ---- batch: progress until done, then the page with the ranking
  function wireBatch() {
    var box = $("#batch-job");
    if (!box) return;
    var state = box.getAttribute("data-state");
    if (state !== "queued" && state !== "running") return;
    var id = box.getAttribute("data-id");
    function poll() {
      fetch("/api/batch/" + encodeURIComponent(id), { headers: { "X-Requested-With": "fetch" } })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          var bar = $("#batch-progress");
          bar.max = s.total; bar.value = s.done;
          $("#batch-count").textContent = s.done + " / " + s.total;
          $("#batch-phase").textContent = s.phase;
          if (s.state === "done" || s.state === "failed") { window.location.reload(); return; }
          setTimeout(poll, 600);
        })
        .catch(function () { setTimeout(poll, 2000); });
    }
    setTimeout(poll, 400);
  }

  document.addEventListener("DOMContentLoaded", function () {
    wireDrop($("#check-drop"), $("#check-file"), $("#check-name"));
    wireDrop($("#batch-drop"), $("#batch-files"), $("#batch-name"));
    var check = $("#check-form"), batch = $("#batch-form"), recheck = $("#recheck-form");
    if (check) sendForm(check, $("#check-status"), "正在审核，请稍候……");
    if (batch) sendForm(batch, $("#batch-status"), "正在上传……");
    if (recheck) sendForm(recheck, $("#recheck-status"), "正在重新审核……");
    wireGaps();
    wireBatch();
  });
})();
