// Small behaviours of the shell, without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("DOMContentLoaded", () => {
  // The language selector submits itself when changed.
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  // Destructive buttons ask before submitting.
  document.querySelectorAll("[data-confirm]").forEach((button) => {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  });
  // htmx sends the CSRF token on its own requests.
  document.body.addEventListener("htmx:configRequest", (event) => {
    const cookie = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="));
    if (cookie) event.detail.headers["X-CSRFToken"] = cookie.split("=")[1];
  });
});
