// The page's legacy mode: a plain WebSocket on /v1.0/ws?token=T speaking the documented JSON messages. Requests
// carry an id so the hub confirms each change; events arrive as bare {type, data} frames, without their topic.

import { describeDelay, pause, retryDelayMs } from "./backoff.js";
import { isExpired, readClaims } from "./token.js";

const topicsPerMessage = 100;
const replyTimeoutMs = 10000;

// A connection that stayed up this long was healthy: its drop retries at once rather than after a longer wait.
const healthyAfterMs = 5000;

export class RawClient {
  /**
   * @param {object} options
   * @param {(token: string) => string} options.socketUrl the raw endpoint's URL for a token
   * @param {() => string} options.getToken read on every (re)connect
   * @param {(event: {topic: string|null, type: unknown, data: unknown}) => void} options.onEvent
   * @param {(state: string, detail: string) => void} options.onState
   * @param {(topics: string[]) => void} options.onSubscriptions the active subscriptions after a restore
   * @param {(message: string) => void} options.onProblem a restore failure or an error the hub sent unasked
   */
  constructor(options) {
    this.providesTopics = false;
    this.label = "Raw WebSocket";
    this._options = options;
    this._active = new Set();
    this._pending = new Map();
    this._nextId = 0;
    this._socket = null;
    this._stopped = false;
    this._abort = new AbortController();
  }

  /** Connects, reconnecting with backoff whenever the socket closes, until stopped or the token expires. */
  async start() {
    const signal = this._abort.signal;
    for (let retry = 0; !signal.aborted;) {
      if (isExpired(readClaims(this._options.getToken()))) {
        this._emit("failed", "The token has expired: paste a new one or get a demo token, then connect again.");
        return;
      }

      this._emit(retry === 0 ? "connecting" : "reconnecting", "Opening the raw WebSocket…");
      const outcome = await this._session(signal);
      if (signal.aborted) {
        return;
      }

      retry = outcome.lastedMs >= healthyAfterMs ? 0 : retry + 1;
      const delay = retryDelayMs(retry);
      this._emit("reconnecting", `${describeClose(outcome)}; reconnecting ${describeDelay(delay)}.`);
      await pause(delay, signal);
      retry = Math.max(retry, 1);
    }
  }

  async stop() {
    this._stopped = true;
    this._abort.abort();
    this._options.onState("disconnected", "Disconnected by you.");
  }

  /** Subscribes and returns all of the connection's subscriptions (full form). */
  async subscribe(topics) {
    const reply = await this._request("subscribe", topics);
    reply.topics.forEach((topic) => this._active.add(topic));
    return this._activeList();
  }

  /** Unsubscribes and returns the remaining subscriptions. */
  async unsubscribe(topics) {
    const reply = await this._request("unsubscribe", topics);
    reply.topics.forEach((topic) => this._active.delete(topic));
    return this._activeList();
  }

  /** One socket's life: resolves when it closes, however that happens. */
  _session(signal) {
    return new Promise((resolve) => {
      const socket = new WebSocket(this._options.socketUrl(this._options.getToken()));
      let openedAt = null;

      // Closing a socket that is still connecting makes the browser report an error; wait for it to open.
      const onAbort = () => {
        if (socket.readyState === WebSocket.OPEN) {
          socket.close(1000, "closed by the page");
        }
      };
      signal.addEventListener("abort", onAbort, { once: true });

      socket.onopen = () => {
        if (signal.aborted) {
          socket.close(1000, "closed by the page");
          return;
        }

        openedAt = Date.now();
        this._socket = socket;
        this._restore();
      };
      socket.onmessage = (message) => this._receive(message.data);
      socket.onclose = (close) => {
        signal.removeEventListener("abort", onAbort);
        if (this._socket === socket) {
          this._socket = null;
        }

        this._failPending("The connection closed before the hub replied.");
        resolve({
          opened: openedAt !== null,
          lastedMs: openedAt === null ? 0 : Date.now() - openedAt,
          code: close.code,
          reason: close.reason,
        });
      };
    });
  }

  async _restore() {
    const connected = "Connected to /v1.0/ws (raw WebSocket)";
    const wanted = [...this._active];
    if (wanted.length === 0) {
      this._emit("connected", `${connected}.`);
      return;
    }

    this._emit("connected", `${connected}; restoring ${wanted.length} subscription(s)…`);
    for (let i = 0; i < wanted.length; i += topicsPerMessage) {
      const chunk = wanted.slice(i, i + topicsPerMessage);
      try {
        await this._request("subscribe", chunk);
      } catch (error) {
        chunk.forEach((topic) => this._active.delete(topic));
        this._options.onProblem(`Could not restore ${chunk.join(" ")}: ${error.message}`);
      }
    }

    this._options.onSubscriptions(this._activeList());
    this._emit("connected", `${connected}; restored ${this._active.size} subscription(s).`);
  }

  _request(type, topics) {
    const socket = this._socket;
    if (socket === null || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new Error("Not connected."));
    }

    const id = ++this._nextId;
    const reply = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this._pending.delete(id);
        reject(new Error(`No reply from the hub within ${replyTimeoutMs / 1000} s.`));
      }, replyTimeoutMs);
      this._pending.set(id, { resolve, reject, timer });
    });

    socket.send(JSON.stringify({ type, topics, id }));
    return reply;
  }

  _receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      this._options.onProblem(`The hub sent a frame that is not JSON: ${String(text).slice(0, 80)}`);
      return;
    }

    const pending = message !== null && typeof message === "object" ? this._pending.get(message.id) : undefined;
    if (pending !== undefined && ["subscribed", "unsubscribed", "error"].includes(message.type)) {
      this._settle(message, pending);
      return;
    }

    if (isHubError(message)) {
      this._options.onProblem(`The hub reported ${describeHubError(message)}`);
      return;
    }

    try {
      this._options.onEvent({ topic: null, type: message?.type, data: message?.data });
    } catch (error) {
      console.error("The page failed to show an event.", error);
    }
  }

  _settle(message, pending) {
    clearTimeout(pending.timer);
    this._pending.delete(message.id);
    if (message.type === "error") {
      pending.reject(new Error(describeHubError(message)));
      return;
    }

    pending.resolve({ topics: Array.isArray(message.topics) ? message.topics : [] });
  }

  _failPending(reason) {
    for (const pending of this._pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error(reason));
    }

    this._pending.clear();
  }

  _activeList() {
    return [...this._active].sort();
  }

  _emit(state, detail) {
    if (!this._stopped) {
      this._options.onState(state, detail);
    }
  }
}

function isHubError(message) {
  return message?.type === "error" && typeof message.error === "object" && !("data" in message);
}

function describeHubError(message) {
  const error = message.error ?? {};
  return `${error.code ?? "error"}: ${error.message ?? "no message"}`;
}

function describeClose(outcome) {
  if (!outcome.opened) {
    return "Could not open the socket (is the server up and the token valid?)";
  }

  const reason = outcome.reason ? `, ${outcome.reason}` : "";
  return `The socket closed (${outcome.code}${reason})`;
}
