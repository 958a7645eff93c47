// Data room: live status of the document-AI analysis of each listed document.
// One request per poll for the whole page; polling stops when nothing is pending or running.
// Labels come translated from the page (data-label-*): no string is hard-coded here.
(() => {
  const POLL_MS = 3000;

  function badge(cls, text, title) {
    const span = document.createElement("span");
    span.className = `badge ${cls}`;
    span.textContent = text;
    if (title) span.title = title;
    return span;
  }

  function rerunForm(root, documentId) {
    const form = document.createElement("form");
    form.method = "post";
    form.action = root.dataset.rerunUrl.replace("/0/", `/${documentId}/`);
    form.className = "d-inline ms-1";
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "csrfmiddlewaretoken";
      input.value = token.value;
      form.appendChild(input);
    }
    const button = document.createElement("button");
    button.className = "btn btn-link btn-sm p-0 align-baseline";
    button.textContent = root.dataset.labelRerun;
    button.dataset.testid = "analysis-rerun";
    form.appendChild(button);
    return form;
  }

  function render(root, cell, entry, canRerun, reviewUrl) {
    cell.replaceChildren();
    if (entry.status === "pending" || entry.status === "running") {
      const spinner = document.createElement("span");
      spinner.className = "spinner-border spinner-border-sm me-1 text-primary";
      spinner.setAttribute("aria-hidden", "true");
      cell.append(spinner, badge("text-bg-light border", entry.status_label));
    } else if (entry.status === "failed") {
      cell.append(badge("text-bg-danger", entry.status_label, entry.error || ""));
      if (canRerun) cell.append(rerunForm(root, cell.dataset.analysis));
    } else {
      const label = document.createElement("span");
      label.textContent = entry.category_label || "—";
      if (entry.category) label.title = entry.category;
      cell.append(label);
      if (entry.confidence !== null) {
        const conf = document.createElement("span");
        conf.className = "text-body-secondary ms-1";
        conf.textContent = `(${Math.round(entry.confidence * 100)} %)`;
        cell.append(conf);
      }
      if (entry.needs_review) {
        const link = document.createElement("a");
        link.href = reviewUrl;
        link.className = "badge text-bg-warning ms-1 text-decoration-none";
        link.textContent = root.dataset.labelReview;
        link.dataset.testid = "analysis-needs-review";
        cell.append(link);
      }
    }
    cell.dataset.status = entry.status;
  }

  function progress(root, summary) {
    const busy = summary.pending + summary.running;
    const total = busy + summary.done + summary.failed;
    const bar = root.querySelector(".progress-bar");
    root.hidden = busy === 0;
    if (!bar || total === 0) return;
    const pct = Math.round(((total - busy) * 100) / total);
    bar.style.width = `${pct}%`;
    bar.setAttribute("aria-valuenow", String(pct));
    root.querySelector("[data-progress-text]").textContent = root.dataset.labelProgress
      .replace("%(done)s", String(total - busy))
      .replace("%(total)s", String(total));
  }

  async function poll(root) {
    const cells = [...document.querySelectorAll("[data-analysis]")];
    if (!cells.length) return;
    const ids = cells.map((c) => c.dataset.analysis).join(",");
    let data;
    try {
      const response = await fetch(`${root.dataset.url}?ids=${ids}`, { credentials: "same-origin" });
      if (!response.ok) return;
      data = await response.json();
    } catch (_error) {
      setTimeout(() => poll(root), POLL_MS * 2); // network hiccup: try again later
      return;
    }
    for (const cell of cells) {
      const entry = data.documents[cell.dataset.analysis];
      if (entry && cell.dataset.status !== entry.status) {
        render(root, cell, entry, data.can_rerun, data.review_url);
      }
    }
    progress(root, data.summary);
    if (data.summary.pending + data.summary.running > 0) setTimeout(() => poll(root), POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const root = document.getElementById("analysis-status");
    if (root) poll(root);
  });
})();
