// The PIN fallback's panel: employee id and PIN typed on the device's keyboard or the on-screen keypad. A person names
// themselves by employee id, not by choosing their name from a list: the id is on their badge, and a kiosk in a lobby
// must not list the staff's names to whoever walks up. kiosk.js takes the snapshot and shows the answer.
import { text } from "./texts.js";

/** Wires the panel: `onSubmit(employeeId, pin)` when OK is pressed with both filled, `onCancel()` on Cancel or Escape. */
export function createPinPanel({ onSubmit, onCancel }) {
  const panel = document.getElementById("pin-panel");
  const form = document.getElementById("pin-form");
  const employeeId = document.getElementById("pin-employee-id");
  const pin = document.getElementById("pin-code");
  const error = document.getElementById("pin-error");
  // the keypad types into the field last focused: the employee id first, then the PIN
  let target = employeeId;
  for (const input of [employeeId, pin]) input.addEventListener("focus", () => (target = input));

  panel.querySelector(".kiosk-keypad").addEventListener("click", (event) => {
    const key = event.target.closest("button");
    if (!key || key.type === "submit") return;
    if (key.dataset.key === "back") target.value = target.value.slice(0, -1);
    else if (target.value.length < target.maxLength) target.value += key.dataset.digit;
    target.focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!employeeId.value.trim() || !pin.value) {
      error.textContent = text("pin.missing");
      return;
    }
    onSubmit(employeeId.value.trim(), pin.value);
  });
  document.getElementById("pin-cancel").addEventListener("click", () => onCancel());
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") onCancel();
  });

  return {
    open() {
      form.reset();
      error.textContent = "";
      panel.hidden = false;
      target = employeeId;
      employeeId.focus();
    },
    close() {
      // the PIN leaves the page as soon as it is sent
      form.reset();
      panel.hidden = true;
    },
  };
}
