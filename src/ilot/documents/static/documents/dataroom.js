// The data room tab: resumable uploads (tus), selection and bulk actions, previews, versions.
// No inline script (strict CSP): everything is wired here from data- attributes.
(() => {
  "use strict";

  const CHUNK = 8 * 1024 * 1024;
  const PARALLEL = 3;
  const RETRY_LATER = 30000;

  function csrfToken() {
    const cookie = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="));
    if (cookie) return decodeURIComponent(cookie.split("=")[1]);
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function formatBytes(n) {
    const units = ["o", "Ko", "Mo", "Go", "To"];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i += 1; }
    return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
  }

  // --- collecting files from drops and inputs (folders keep their relative paths) -------

  function readEntries(reader) {
    return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
  }

  async function walk(entry, prefix, out) {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ file, path: prefix + file.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      let batch;
      do {
        batch = await readEntries(reader);
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`, out);
      } while (batch.length);
    }
  }

  async function filesFromDrop(dataTransfer) {
    const out = [];
    const entries = [];
    for (const item of dataTransfer.items || []) {
      const entry = item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
      if (entry) entries.push(entry);
    }
    if (entries.length) {
      for (const entry of entries) await walk(entry, "", out);
      return out;
    }
    for (const file of dataTransfer.files) out.push({ file, path: file.name });
    return out;
  }

  // --- the upload queue ---------------------------------------------------------------------

  class UploadQueue {
    constructor(root) {
      this.root = root;
      this.msg = root.dataset;
      this.items = [];
      this.running = 0;
      this.paused = false;
      this.panel = root.querySelector("[data-upload-panel]");
      this.list = root.querySelector("[data-upload-list]");
      this.overall = root.querySelector("[data-upload-overall]");
      this.overallText = root.querySelector("[data-upload-overall-text]");
      this.summary = root.querySelector("[data-upload-summary]");
      this.controls = root.querySelector("[data-upload-controls]");
      this.pauseButton = root.querySelector("[data-upload-pause]");
      this.resumeButton = root.querySelector("[data-upload-resume]");
      this.offline = root.querySelector("[data-upload-offline]");
      this.refresh = root.querySelector("[data-upload-refresh]");
      this.pauseButton.addEventListener("click", () => this.pauseAll());
      this.resumeButton.addEventListener("click", () => this.resumeAll());
      window.addEventListener("offline", () => {
        this.offline.textContent = this.msg.msgOffline;
        this.offline.hidden = false;
      });
      window.addEventListener("online", () => {
        this.offline.hidden = true;
        // Uploads that gave up while offline start again from the server's offset.
        this.items.filter((i) => i.state === "error-retry").forEach((i) => this.startItem(i));
        this.pump();
      });
    }

    add(files) {
      const folder = this.root.querySelector("[data-upload-folder]").value;
      const visibility = this.root.querySelector("[data-upload-visibility]").value;
      for (const { file, path } of files) {
        const li = document.createElement("li");
        li.className = "upload-item";
        li.dataset.testid = "upload-item";
        li.setAttribute("data-testid", "upload-item");
        li.innerHTML =
          '<div class="d-flex justify-content-between gap-2 align-items-center">' +
          '<span class="upload-name text-truncate"></span>' +
          '<span class="d-flex gap-2 align-items-center"><span class="small text-body-secondary upload-size"></span>' +
          '<span class="badge upload-status"></span>' +
          '<button type="button" class="btn btn-sm btn-link p-0 upload-toggle"><i class="bi bi-pause-circle" aria-hidden="true"></i></button></span></div>' +
          '<div class="progress progress-thin" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="0"><div class="progress-bar"></div></div>' +
          '<div class="small upload-message"></div>';
        li.querySelector(".upload-name").textContent = path;
        li.querySelector(".upload-size").textContent = formatBytes(file.size);
        li.querySelector(".progress").setAttribute("aria-label", path);
        const item = { file, path, folder, visibility, li, sent: 0, state: "waiting", upload: null };
        li.querySelector(".upload-toggle").setAttribute("aria-label", `${this.msg.msgPaused} ${path}`);
        li.querySelector(".upload-toggle").addEventListener("click", () => this.toggle(item));
        this.setStatus(item, "waiting", this.msg.msgWaiting, "text-bg-light border");
        this.list.appendChild(li);
        this.items.push(item);
      }
      this.panel.hidden = false;
      this.controls.hidden = false;
      this.refresh.hidden = true;
      this.pump();
      this.update();
    }

    setStatus(item, state, label, css) {
      item.state = state;
      const badge = item.li.querySelector(".upload-status");
      badge.className = `badge upload-status ${css}`;
      badge.textContent = label;
      item.li.dataset.state = state;
    }

    pump() {
      if (this.paused) return;
      const parallel = parseInt(this.root.dataset.parallel, 10) || PARALLEL;
      while (this.running < parallel) {
        const next = this.items.find((i) => i.state === "waiting");
        if (!next) break;
        this.startItem(next);
      }
      this.update();
    }

    startItem(item) {
      clearTimeout(item.retryTimer);
      this.running += 1;
      this.setStatus(item, "uploading", this.msg.msgUploading, "text-bg-primary");
      if (!item.upload) {
        item.upload = new window.tus.Upload(item.file, {
          endpoint: this.root.dataset.tusEndpoint,
          chunkSize: parseInt(this.root.dataset.chunkSize, 10) || CHUNK,
          // A cut chunk is retried from the server's offset (HEAD first), at once and then
          // backing off; 409 (offset) and 423 (a cut PATCH still finishing) retry as well.
          // While the browser is offline tus-js-client stops retrying and reports an error:
          // the 'online' listener below restarts those uploads.
          retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000],
          // The upload URL is kept in localStorage under the file's fingerprint (name, type,
          // size, date), so a reload or a new drop of the same file resumes it (see
          // findPreviousUploads below); forgotten once the upload succeeded.
          storeFingerprintForResuming: true,
          removeFingerprintOnSuccess: true,
          headers: { "X-CSRFToken": csrfToken() },
          metadata: {
            dossier: this.root.dataset.dossier,
            filename: item.file.name,
            relativePath: item.path,
            folder: item.folder,
            visibility: item.visibility,
            filetype: item.file.type || "",
          },
          onProgress: (sent) => {
            item.sent = sent;
            const pct = item.file.size ? Math.floor((100 * sent) / item.file.size) : 100;
            const bar = item.li.querySelector(".progress");
            bar.setAttribute("aria-valuenow", String(pct));
            bar.querySelector(".progress-bar").style.width = `${pct}%`;
            if (sent === item.file.size) this.setStatus(item, "processing", this.msg.msgProcessing, "text-bg-info");
            this.update();
          },
          onSuccess: () => this.finished(item),
          onError: (error) => this.failed(item, error),
        });
      }
      // Resume an earlier attempt of the same file (after a reload or a server restart).
      item.upload.findPreviousUploads().then((previous) => {
        if (previous.length) item.upload.resumeFromPreviousUpload(previous[0]);
        item.upload.start();
      });
    }

    async finished(item) {
      this.running -= 1;
      item.sent = item.file.size;
      const bar = item.li.querySelector(".progress");
      bar.setAttribute("aria-valuenow", "100");
      bar.querySelector(".progress-bar").style.width = "100%";
      let results = [];
      try {
        const response = await fetch(item.upload.url, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        results = (await response.json()).results || [];
      } catch (error) {
        results = [];
      }
      this.showResults(item, results);
      this.pump();
    }

    showResults(item, results) {
      const statuses = new Set(results.map((r) => r.status));
      const message = item.li.querySelector(".upload-message");
      item.li.querySelector(".upload-toggle").hidden = true;
      if (statuses.size === 1 && statuses.has("stored")) {
        this.setStatus(item, "stored", this.msg.msgStored, "text-bg-success");
        message.textContent = results.length > 1 ? `${results.length} ✓` : "";
      } else if (statuses.size === 1 && statuses.has("duplicate")) {
        this.setStatus(item, "duplicate", this.msg.msgDuplicate, "text-bg-secondary");
        message.textContent = results[0].message;
      } else if (statuses.size === 1 && statuses.has("rejected")) {
        this.setStatus(item, "rejected", this.msg.msgRejected, "text-bg-danger");
        message.textContent = results[0].message;
      } else {
        const stored = results.filter((r) => r.status === "stored").length;
        this.setStatus(item, stored ? "stored" : "rejected", `${stored}/${results.length}`, stored ? "text-bg-warning" : "text-bg-danger");
        const ul = document.createElement("ul");
        ul.className = "small mb-0";
        results.filter((r) => r.status !== "stored").forEach((r) => {
          const entry = document.createElement("li");
          entry.textContent = `${r.path} : ${r.message}`;
          ul.appendChild(entry);
        });
        message.replaceChildren(ul);
      }
      this.update();
    }

    failed(item, error) {
      this.running -= 1;
      const status = error && error.originalResponse ? error.originalResponse.getStatus() : 0;
      let text = String(error && error.message ? error.message : error);
      if (error && error.originalResponse) {
        try {
          const body = JSON.parse(error.originalResponse.getBody());
          text = body.error.message;
        } catch (e) { /* keep the client's message */ }
      }
      if (!status || status >= 500 && status !== 507) {
        // Network or server down, tus-js-client's own retries spent: keep the upload for the
        // 'online' event, the resume button, or the next attempt below (a server restart may
        // take longer than the retries). The raw client error means nothing to a user.
        this.setStatus(item, "error-retry", this.msg.msgError, "text-bg-warning");
        text = this.msg.msgOffline;
        clearTimeout(item.retryTimer);
        item.retryTimer = setTimeout(() => {
          if (item.state === "error-retry" && !this.paused && navigator.onLine) this.startItem(item);
        }, RETRY_LATER);
      } else {
        this.setStatus(item, "rejected", this.msg.msgRejected, "text-bg-danger");
      }
      item.li.querySelector(".upload-message").textContent = text;
      this.pump();
    }

    toggle(item) {
      if (item.state === "uploading" || item.state === "processing") {
        item.upload.abort();
        this.running -= 1;
        this.setStatus(item, "paused", this.msg.msgPaused, "text-bg-light border");
      } else if (item.state === "paused" || item.state === "error-retry") {
        this.startItem(item);
      }
      this.update();
    }

    pauseAll() {
      this.paused = true;
      this.items.filter((i) => i.state === "uploading").forEach((i) => {
        i.upload.abort();
        this.running -= 1;
        this.setStatus(i, "paused", this.msg.msgPaused, "text-bg-light border");
      });
      this.pauseButton.hidden = true;
      this.resumeButton.hidden = false;
      this.update();
    }

    resumeAll() {
      this.paused = false;
      this.items.filter((i) => i.state === "paused" || i.state === "error-retry").forEach((i) => {
        i.state = "waiting";
      });
      this.pauseButton.hidden = false;
      this.resumeButton.hidden = true;
      this.pump();
    }

    update() {
      const total = this.items.reduce((s, i) => s + i.file.size, 0);
      const sent = this.items.reduce((s, i) => s + i.sent, 0);
      const pct = total ? Math.floor((100 * sent) / total) : 100;
      this.overall.setAttribute("aria-valuenow", String(pct));
      this.overall.querySelector(".progress-bar").style.width = `${pct}%`;
      this.overallText.textContent = `${formatBytes(sent)} / ${formatBytes(total)} (${pct} %)`;
      const done = this.items.filter((i) => ["stored", "duplicate", "rejected"].includes(i.state));
      this.summary.textContent = `${done.length} / ${this.items.length}`;
      if (this.items.length && done.length === this.items.length) {
        this.summary.textContent = `${this.msg.msgDone} : ${done.length} / ${this.items.length}`;
        this.refresh.hidden = false;
        this.controls.hidden = true;
      }
    }
  }

  // --- wiring ---------------------------------------------------------------------------------

  function setupUploads(root) {
    const zone = root.querySelector("[data-testid=dropzone]");
    if (!zone || !window.tus) return;
    const queue = new UploadQueue(root);
    root.uploadQueue = queue;
    ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("dragging");
    }));
    ["dragleave", "drop"].forEach((name) => zone.addEventListener(name, () => zone.classList.remove("dragging")));
    zone.addEventListener("drop", async (event) => {
      event.preventDefault();
      queue.add(await filesFromDrop(event.dataTransfer));
    });
    zone.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        root.querySelector("[data-testid=file-input]").click();
      }
    });
    root.querySelectorAll("[data-upload-input]").forEach((input) => {
      input.addEventListener("change", () => {
        const files = Array.from(input.files).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
        queue.add(files);
        input.value = "";
      });
    });
  }

  function setupSelection(root) {
    const form = root.querySelector("[data-bulk-form]");
    if (!form) return;
    const boxes = () => Array.from(form.querySelectorAll("[data-select]"));
    const all = form.querySelector("[data-select-all]");
    const count = form.querySelector("[data-bulk-count]");
    const emptyLabel = count.textContent;
    const refresh = () => {
      const n = boxes().filter((b) => b.checked).length;
      count.textContent = n ? `${n} ✓` : emptyLabel;
      form.querySelectorAll("[data-bulk-action]").forEach((b) => { b.disabled = n === 0; });
      if (all) all.checked = n > 0 && n === boxes().length;
    };
    form.addEventListener("change", (event) => {
      if (event.target === all) boxes().forEach((b) => { b.checked = all.checked; });
      refresh();
    });
    const visibility = form.querySelector("[data-visibility-select]");
    const parties = form.querySelector("[data-parties]");
    if (visibility && parties) {
      visibility.addEventListener("change", () => { parties.hidden = visibility.value !== "parties"; });
    }
    refresh();
  }

  function setupPreview(root) {
    const modalEl = document.getElementById("preview-modal");
    if (!modalEl || !window.bootstrap) return;
    const modal = new window.bootstrap.Modal(modalEl);
    const img = modalEl.querySelector("[data-testid=preview-image]");
    const title = modalEl.querySelector("#preview-title");
    const label = modalEl.querySelector("[data-preview-page]");
    const prev = modalEl.querySelector("[data-preview-prev]");
    const next = modalEl.querySelector("[data-preview-next]");
    const state = { id: null, page: 1, pages: 1 };
    const show = () => {
      img.src = `/api/v1/documents/${state.id}/preview/${state.page}?width=1024`;
      img.alt = `${title.textContent} — ${root.dataset.msgPage} ${state.page}`;
      label.textContent = `${root.dataset.msgPage} ${state.page} / ${state.pages}`;
      prev.disabled = state.page <= 1;
      next.disabled = state.page >= state.pages;
    };
    root.querySelectorAll("[data-preview]").forEach((button) => {
      button.addEventListener("click", () => {
        state.id = button.dataset.preview;
        state.pages = parseInt(button.dataset.pages, 10) || 1;
        state.page = 1;
        title.textContent = button.dataset.name;
        show();
        modal.show();
      });
    });
    prev.addEventListener("click", () => { if (state.page > 1) { state.page -= 1; show(); } });
    next.addEventListener("click", () => { if (state.page < state.pages) { state.page += 1; show(); } });
    modalEl.addEventListener("keydown", (event) => {
      if (event.key === "ArrowLeft") prev.click();
      if (event.key === "ArrowRight") next.click();
    });
  }

  function setupPanel(root) {
    const panelEl = document.getElementById("document-panel");
    if (!panelEl || !window.bootstrap) return;
    const panel = new window.bootstrap.Offcanvas(panelEl);
    const body = panelEl.querySelector("[data-panel-body]");
    root.querySelectorAll("[data-panel]").forEach((button) => {
      button.addEventListener("click", async () => {
        const response = await fetch(button.dataset.panel, { credentials: "same-origin" });
        body.innerHTML = response.ok ? await response.text() : "";
        panel.show();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const root = document.querySelector("[data-testid=dataroom]");
    if (!root) return;
    setupUploads(root);
    setupSelection(root);
    setupPreview(root);
    setupPanel(root);
  });
})();
