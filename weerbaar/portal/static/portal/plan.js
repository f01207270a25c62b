/* Progressive enhancement only: a print button where the page says how to print.
   Without JavaScript the page explains Ctrl+P instead. Sends nothing anywhere. */
(function () {
  "use strict";
  if (!window.print) { return; }
  document.querySelectorAll("[data-print]").forEach(function (slot) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = slot.getAttribute("data-print");
    button.addEventListener("click", function () { window.print(); });
    slot.appendChild(button);
    slot.appendChild(document.createTextNode(" "));
  });
}());
