// The questions (the form, #gd-form, and its row templates): rows added and removed, the form read
// into the plan state of plan-state.js (the only place the form is read) and written back from it,
// and the messages beside the fields. Scoped to the component's root.
import { T } from "../strings.js";

const ROWS = {
  items: { list: "gd-items", template: "gd-item-template", prefix: "gd-item", add: "gd-add", names: ["product", "contract", "devices"],
    label: T.rows.itemProduct, remove: T.rows.itemRemove, number: T.rows.itemNumber },
  granted: { list: "gd-granted", template: "gd-granted-template", prefix: "gd-granted", add: "gd-add-granted", names: ["product", "amount"],
    label: T.rows.grantProduct, remove: T.rows.grantRemove, number: T.rows.grantNumber },
};

export class Questions {
  /** `find(id)` looks an element up inside the component; `changed()` is called after every edit made here. */
  constructor(find, { changed }) {
    this.find = find;
    this.form = find("gd-form");
    this.lists = { items: find(ROWS.items.list), granted: find(ROWS.granted.list) };
    this.changed = changed;
    this.rowCounter = 0;
    this.perDevice = new Set([...find("gd-item-template").content.querySelectorAll("option[data-per-device]")]
      .map((o) => Number(o.value)));
  }

  addRow(kind, values = {}, focus = false) {
    const spec = ROWS[kind];
    this.rowCounter += 1;
    const row = this.find(spec.template).content.firstElementChild.cloneNode(true);
    row.dataset.key = String(this.rowCounter);
    for (const name of spec.names) {
      const control = row.querySelector(`[data-name="${name}"]`);
      const base = `${spec.prefix}-${this.rowCounter}-${name}`;
      control.id = base;
      row.querySelector(`label[data-for="${name}"]`).htmlFor = base;
      row.querySelector(`[data-error="${name}"]`).id = `${base}-error`;
      const hint = row.querySelector(`[data-hint="${name}"]`);
      if (hint) hint.id = `${base}-hint`;
      control.setAttribute("aria-describedby", [hint ? hint.id : null, `${base}-error`].filter(Boolean).join(" "));
      control.value = values[name] || "";
    }
    const select = row.querySelector('[data-name="product"]');
    if (values.product && select.value !== values.product) select.value = ""; // not a product of this catalogue
    row.querySelector("[data-remove]").addEventListener("click", () => {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      this.renumber();
      this.changed();
      (next ? next.querySelector("select") : this.find(spec.add)).focus();
    });
    select.addEventListener("change", () => this.updateDevicesField(row));
    this.lists[kind].append(row);
    this.updateDevicesField(row);
    this.renumber();
    if (focus) select.focus();
    return row;
  }

  renumber() {
    for (const [kind, spec] of Object.entries(ROWS)) {
      [...this.lists[kind].children].forEach((row, index) => {
        row.querySelector('label[data-for="product"]').textContent = spec.label(index + 1);
        row.querySelector("[data-remove-label]").textContent = spec.remove(index + 1);
        for (const prefix of row.querySelectorAll("[data-row-number]")) prefix.textContent = spec.number(index + 1);
      });
    }
  }

  updateDevicesField(row) {
    const field = row.querySelector('[data-field="devices"]');
    if (!field) return;
    const option = row.querySelector('[data-name="product"]').selectedOptions[0];
    field.hidden = !(option && option.dataset.perDevice);
    if (!field.hidden) row.querySelector('[data-hint="devices"]').textContent = option.dataset.deviceHint;
  }

  /** The form as plan state (plan-state.js). */
  read() {
    const { form } = this;
    const values = (row, names) => Object.fromEntries(names.map((name) => [name, row.querySelector(`[data-name="${name}"]`).value.trim()]));
    const pilot = form.querySelector('input[name="pilot"]:checked');
    const history = form.querySelector('input[name="history"]:checked');
    return {
      city: form.city.value,
      pilot: pilot ? pilot.value === "yes" : null,
      history: history ? history.value : null,
      claimed: [...form.querySelectorAll('input[name="claimed_before"]:checked')].map((box) => Number(box.value)),
      granted: [...this.lists.granted.children].map((row) => values(row, ROWS.granted.names)),
      items: [...this.lists.items.children].map((row) => {
        const item = values(row, ROWS.items.names);
        if (row.querySelector('[data-field="devices"]').hidden) item.devices = "";
        return item;
      }),
    };
  }

  /** Fill the form from plan state (a link opened, or the hash changed). */
  write(state) {
    const { form } = this;
    const city = state.city && [...form.city.options].find((o) => o.value === state.city || o.value === state.city + T.citySuffix);
    form.city.value = city ? city.value : "";
    for (const radio of form.querySelectorAll('input[name="pilot"]')) {
      radio.checked = state.pilot !== null && radio.value === (state.pilot ? "yes" : "no");
    }
    for (const radio of form.querySelectorAll('input[name="history"]')) radio.checked = radio.value === state.history;
    for (const box of form.querySelectorAll('input[name="claimed_before"]')) box.checked = state.claimed.includes(Number(box.value));
    this.lists.granted.replaceChildren();
    for (const grant of state.granted) this.addRow("granted", grant);
    this.lists.items.replaceChildren();
    for (const item of state.items) this.addRow("items", item);
    if (!this.lists.items.children.length) this.addRow("items");
    this.revealHistory();
  }

  revealHistory() {
    this.find("gd-history-details").hidden = !this.find("gd-history-yes").checked;
  }

  /** Remove the rows of the items at `rowIndexes` (rows of the form, as planFromState numbers them). */
  removeItemRows(rowIndexes) {
    const rows = [...this.lists.items.children];
    for (const index of rowIndexes) rows[index].remove();
    this.renumber();
  }

  /** Put `product` in the first empty item row (or a new one) and move to its contract amount. */
  addProduct(product) {
    const empty = [...this.lists.items.children].find((row) => !row.querySelector('[data-name="product"]').value
      && !row.querySelector('[data-name="contract"]').value);
    const row = empty || this.addRow("items");
    row.querySelector('[data-name="product"]').value = product;
    this.updateDevicesField(row);
    this.changed();
    row.querySelector('[data-name="contract"]').focus();
  }

  // The form control (and its message slot) that a target of plan-state.js names.
  locate(target) {
    if (target.kind === "items" || target.kind === "granted") {
      const row = this.lists[target.kind].children[target.index];
      if (!row) return null;
      return {
        control: row.querySelector(`[data-name="${target.name}"]`),
        message: row.querySelector(`[data-error="${target.name}"]`),
        box: row.querySelector(`[data-field="${target.name}"]`),
      };
    }
    const find = this.find;
    if (target.kind === "city") return { control: this.form.city, message: find("gd-city-error"), box: find("gd-city-field") };
    if (target.kind === "claimed") return { control: find("gd-history-yes"), message: find("gd-history-error"), box: find("gd-history-field") };
    if (target.kind === "pilot") return { control: find("gd-pilot-yes"), message: null, box: find("gd-pilot-field") };
    if (target.kind === "add") return { control: find("gd-add"), message: null, box: null };
    return null;
  }

  /** Mark the field an engine error is about; returns the text its entry in the error summary starts with. */
  markError(target, message) {
    const place = this.locate(target);
    if (place && place.message) {
      place.message.textContent = place.message.textContent ? `${place.message.textContent}${T.errors.joiner}${message}` : message;
      place.message.hidden = false;
    }
    if (place && place.control && target.kind !== "add") place.control.setAttribute("aria-invalid", "true");
    if (place && place.box) place.box.classList.add(place.box.classList.contains("gd-question") ? "gd-question--error" : "gd-field--error");
    const label = place && place.control && place.control.labels && place.control.labels[0];
    return label && target.kind !== "claimed" && target.kind !== "pilot" ? T.errors.labelled(label.textContent.trim(), message) : message;
  }
}
