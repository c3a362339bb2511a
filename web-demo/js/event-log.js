// The live event log: newest first, filterable, pausable, with a rate counter. Event content is shown as text,
// never parsed as HTML: events are data from elsewhere.

const maxShown = 500;
const maxWaiting = 5000;
const rateWindowMs = 1000;

export class EventLog {
  /**
   * @param {object} elements
   * @param {HTMLOListElement} elements.list
   * @param {HTMLInputElement} elements.filter
   * @param {HTMLButtonElement} elements.pause
   * @param {HTMLButtonElement} elements.clear
   * @param {HTMLElement} elements.rate
   * @param {HTMLElement} elements.total
   * @param {HTMLElement} elements.pausedNote
   * @param {HTMLElement} elements.empty
   */
  constructor(elements) {
    this._elements = elements;
    this._searchText = new WeakMap();
    this._arrivals = [];
    this._waiting = [];
    this._dropped = 0;
    this._total = 0;
    this._paused = false;

    elements.filter.addEventListener("input", () => this._applyFilter());
    elements.pause.addEventListener("click", () => this._togglePause());
    elements.clear.addEventListener("click", () => this.clear());
    setInterval(() => this._showRate(), 250);
    this._showEmpty();
  }

  /** Records an event as it arrives. */
  add(event) {
    const entry = { ...event, receivedAt: new Date() };
    this._arrivals.push(entry.receivedAt.getTime());
    this._total += 1;
    this._elements.total.textContent = String(this._total);

    if (this._paused) {
      this._waiting.push(entry);
      if (this._waiting.length > maxWaiting) {
        this._waiting.shift();
        this._dropped += 1;
      }

      this._showPaused();
      return;
    }

    this._show(entry);
    this._showEmpty();
  }

  clear() {
    this._elements.list.replaceChildren();
    this._waiting = [];
    this._dropped = 0;
    this._total = 0;
    this._elements.total.textContent = "0";
    this._showPaused();
    this._showEmpty();
  }

  _show(entry) {
    const item = renderEntry(entry);
    const text = `${entry.topic ?? ""} ${String(entry.type)} ${item.querySelector("pre").textContent}`;
    this._searchText.set(item, text.toLowerCase());
    item.hidden = !this._matches(item);

    const list = this._elements.list;
    list.prepend(item);
    while (list.childElementCount > maxShown) {
      list.lastElementChild.remove();
    }
  }

  _togglePause() {
    this._paused = !this._paused;
    this._elements.pause.setAttribute("aria-pressed", String(this._paused));
    this._elements.pause.textContent = this._paused ? "Resume" : "Pause";
    if (!this._paused) {
      const waiting = this._waiting;
      this._waiting = [];
      this._dropped = 0;
      waiting.slice(-maxShown).forEach((entry) => this._show(entry));
    }

    this._showPaused();
    this._showEmpty();
  }

  _applyFilter() {
    for (const item of this._elements.list.children) {
      item.hidden = !this._matches(item);
    }

    this._showEmpty();
  }

  _matches(item) {
    const filter = this._elements.filter.value.trim().toLowerCase();
    return filter === "" || (this._searchText.get(item) ?? "").includes(filter);
  }

  _showRate() {
    const since = Date.now() - rateWindowMs;
    while (this._arrivals.length > 0 && this._arrivals[0] < since) {
      this._arrivals.shift();
    }

    this._elements.rate.textContent = String(this._arrivals.length);
  }

  _showPaused() {
    const note = this._elements.pausedNote;
    note.hidden = !this._paused;
    const dropped = this._dropped > 0 ? ` (${this._dropped} older ones dropped)` : "";
    note.textContent = `Paused: ${this._waiting.length} new event(s) waiting${dropped}. Resume to see them.`;
  }

  _showEmpty() {
    const list = this._elements.list;
    const anyVisible = [...list.children].some((item) => !item.hidden);
    const empty = this._elements.empty;
    empty.hidden = anyVisible;
    empty.textContent = list.childElementCount === 0
      ? "No events yet. Subscribe, then publish a test event."
      : "No events match the filter.";
  }
}

function renderEntry(entry) {
  const item = document.createElement("li");
  item.className = "entry";
  item.dataset.type = String(entry.type);

  const head = document.createElement("div");
  head.className = "entry-head";
  const time = textElement("time", "time", formatTime(entry.receivedAt));
  time.dateTime = entry.receivedAt.toISOString();
  head.append(time, textElement("span", "type", String(entry.type)));

  const topic = entry.topic === null
    ? textElement("span", "topic none", "no topic on the raw protocol")
    : textElement("code", "topic", entry.topic);

  const data = textElement("pre", "data", formatData(entry.data));
  item.append(head, topic, data);
  return item;
}

function textElement(tag, className, text) {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = text;
  return element;
}

function formatTime(date) {
  const pad = (value, width = 2) => String(value).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
    + `.${pad(date.getMilliseconds(), 3)}`;
}

function formatData(data) {
  if (data === undefined) {
    return "(no data)";
  }

  try {
    return JSON.stringify(data, (_, value) => (typeof value === "bigint" ? value.toString() : value), 2);
  } catch {
    return String(data);
  }
}
