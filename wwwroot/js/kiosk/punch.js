// The second step of a punch: after the face is recognised, the buttons a site's kiosk offers (In, Out, Break start,
// Break end; or "Check out now" after an already-recorded check-in). Their words are the kiosk's texts ("punch.in").
import { text } from "./texts.js";

const allKinds = ["in", "out", "break-start", "break-end"];

/**
 * Shows the offer's buttons in `panel` and resolves to the kind tapped, or null when nobody chooses within `timeoutMs`
 * (the scan then records nothing). A Buttons site's choice shows all four, the likely one first in its list emphasised;
 * "Check out now" shows one.
 */
export function choosePunch(panel, offer, timeoutMs) {
  const checkOutOnly = offer.allowed.length === 1 && offer.allowed[0] === "out";
  const kinds = checkOutOnly ? ["out"] : allKinds;
  panel.replaceChildren(...kinds.map((kind) => {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.kind = kind;
    button.textContent = text(checkOutOnly ? "punch.check-out-now" : `punch.${kind}`);
    button.classList.toggle("likely", kind === offer.allowed[0]);
    return button;
  }));
  panel.setAttribute("aria-label", text("punch.group"));
  panel.hidden = false;
  panel.querySelector(".likely")?.focus();
  return new Promise((resolve) => {
    const done = (kind) => {
      clearTimeout(timer);
      panel.onclick = null;
      resolve(kind);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    panel.onclick = (event) => {
      const kind = event.target.closest("button")?.dataset.kind;
      if (kind) done(kind);
    };
  });
}

export function hidePunch(panel) {
  panel.hidden = true;
  panel.replaceChildren();
}
