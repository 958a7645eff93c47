// Review queue: keys 1-3 pick a suggestion of the focused (or first) item; the "other" list
// submits on change. No inline script: the Content-Security-Policy forbids it.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-submit-on-change]").forEach((select) => {
    select.addEventListener("change", () => {
      if (select.value) select.form.requestSubmit();
    });
  });
  document.addEventListener("keydown", (event) => {
    if (!["1", "2", "3"].includes(event.key) || event.target.matches("input, select, textarea")) return;
    const item = document.activeElement.closest(".review-item") || document.querySelector(".review-item");
    const button = item && item.querySelector(`button[data-key="${event.key}"]`);
    if (button) button.click();
  });
});
