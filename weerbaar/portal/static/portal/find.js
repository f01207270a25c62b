/* Find my noodsteunpunt, static copy only (file:// or a page with data-static): the form
   cannot ask a server, so it opens the page of the postcode area (PC4) instead, by the same
   link the list on the page offers. Online the form works without this script. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-find]");
  if (!form) { return; }
  form.addEventListener("submit", function (event) {
    if (location.protocol !== "file:" && !document.querySelector("[data-static]")) { return; }
    event.preventDefault();
    var field = form.elements.postcode;
    var match = /^([1-9][0-9]{3})([A-Za-z]{2})?$/.exec(field.value.replace(/\s+/g, ""));
    var link = match && document.querySelector('a[data-pc4="' + match[1] + '"]');
    if (link) { window.location.href = link.href; return; }
    field.setAttribute("aria-invalid", "true");
    document.getElementById("find-message").textContent =
      form.getAttribute(match ? "data-unknown" : "data-invalid");
    field.focus();
  });
}());
