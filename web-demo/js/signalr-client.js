// The page's SignalR mode: the hub at /v1.0/hub over JSON or MessagePack, with automatic reconnect (backoff,
// then the subscriptions restored on the new connection). Stateful reconnect is left off: the hub drops
// connections on purpose (expired token, slow client, shutdown), and resuming those only fails first, noisily.

import { describeDelay, pause, retryDelayMs } from "./backoff.js";
import { isExpired, readClaims } from "./token.js";

const topicsPerMessage = 100;

export class SignalRClient {
  /**
   * @param {object} options
   * @param {string} options.hubUrl the hub's URL
   * @param {"json"|"messagepack"} options.protocol the wire protocol
   * @param {() => string} options.getToken read on every (re)connect, so a pasted new token is used
   * @param {(event: {topic: string|null, type: unknown, data: unknown}) => void} options.onEvent
   * @param {(state: string, detail: string) => void} options.onState
   * @param {(topics: string[]) => void} options.onSubscriptions the active subscriptions after a restore
   * @param {(message: string) => void} options.onProblem a subscription that could not be restored
   */
  constructor(options) {
    this.providesTopics = true;
    this._options = options;
    this._active = [];
    this._stopped = false;
    this._refusal = null;
    this._abort = new AbortController();
    this._connection = this._build();
  }

  get label() {
    return this._options.protocol === "messagepack" ? "SignalR · MessagePack" : "SignalR · JSON";
  }

  /** Connects, retrying with backoff until connected, refused or stopped. */
  start() {
    return this._startLoop(0);
  }

  async stop() {
    this._stopped = true;
    this._abort.abort();
    this._options.onState("disconnected", "Disconnected by you.");
    await this._connection.stop();
  }

  /** Subscribes and returns all of the connection's subscriptions (full form). */
  async subscribe(topics) {
    return this._change("Subscribe", topics);
  }

  /** Unsubscribes and returns the remaining subscriptions. */
  async unsubscribe(topics) {
    return this._change("Unsubscribe", topics);
  }

  async _change(method, topics) {
    if (this._connection.state !== signalR.HubConnectionState.Connected) {
      throw new Error("Not connected.");
    }

    try {
      this._active = await this._connection.invoke(method, topics);
      return this._active;
    } catch (error) {
      throw new Error(hubMessage(error));
    }
  }

  _build() {
    const builder = new signalR.HubConnectionBuilder()
      .withUrl(this._options.hubUrl, { accessTokenFactory: () => this._options.getToken() })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => this._nextRetryDelay(context) })
      .configureLogging(consoleWithoutErrors);

    if (this._options.protocol === "messagepack") {
      builder.withHubProtocol(new signalR.protocols.msgpack.MessagePackHubProtocol());
    }

    const connection = builder.build();
    connection.on("event", (topic, event) => this._receive(topic, event));
    connection.onreconnected(() => this._connected());
    connection.onclose((error) => this._closed(error));
    return connection;
  }

  async _startLoop(firstRetry) {
    const signal = this._abort.signal;
    for (let retry = firstRetry; !signal.aborted; retry++) {
      this._emit(retry === 0 ? "connecting" : "reconnecting", `Connecting to ${this._options.hubUrl}…`);
      try {
        await this._connection.start();
      } catch (error) {
        if (signal.aborted) {
          return;
        }

        const refusal = this._refusalOf(error);
        if (refusal !== null) {
          this._emit("failed", refusal);
          return;
        }

        const delay = retryDelayMs(retry + 1);
        const problem = `Could not connect (${shortError(error)})`;
        this._emit("reconnecting", `${problem}; retrying ${describeDelay(delay)}.`);
        await pause(delay, signal);
        continue;
      }

      await this._connected();
      return;
    }
  }

  _nextRetryDelay(context) {
    const refusal = this._refusalOf(context.retryReason);
    if (this._stopped || refusal !== null) {
      this._refusal = refusal;
      return null;
    }

    const delay = retryDelayMs(context.previousRetryCount);
    const reason = context.previousRetryCount === 0 ? "Connection lost" : "Reconnect failed";
    const problem = `${reason} (${shortError(context.retryReason)})`;
    this._emit("reconnecting", `${problem}; retrying ${describeDelay(delay)}.`);
    return delay;
  }

  async _connected() {
    const connected = `Connected to ${this._options.hubUrl} (${this.label})`;
    if (this._active.length === 0) {
      this._emit("connected", `${connected}.`);
      return;
    }

    const wanted = this._active;
    this._emit("connected", `${connected}; restoring ${wanted.length} subscription(s)…`);
    for (let i = 0; i < wanted.length; i += topicsPerMessage) {
      const chunk = wanted.slice(i, i + topicsPerMessage);
      try {
        this._active = await this._connection.invoke("Subscribe", chunk);
      } catch (error) {
        this._options.onProblem(`Could not restore ${chunk.join(" ")}: ${hubMessage(error)}`);
      }
    }

    this._options.onSubscriptions(this._active);
    this._emit("connected", `${connected}; restored ${this._active.length} subscription(s).`);
  }

  _closed(error) {
    if (this._stopped) {
      return;
    }

    if (this._refusal !== null) {
      this._emit("failed", this._refusal);
      return;
    }

    // Closed by the server without a reconnect (a close message that forbids it): start over with backoff.
    this._emit("reconnecting", `Closed by the server (${shortError(error)}).`);
    this._startLoop(1);
  }

  _receive(topic, event) {
    try {
      this._options.onEvent({ topic, type: event?.type, data: event?.data });
    } catch (error) {
      console.error("The page failed to show an event.", error);
    }
  }

  _refusalOf(error) {
    if (isExpired(readClaims(this._options.getToken()))) {
      return "The token has expired: paste a new one or get a demo token, then connect again.";
    }

    if (error !== undefined && error !== null && /Status code '401'/.test(String(error.message ?? error))) {
      return "The hub refused the token (401): paste a valid one or get a demo token, then connect again.";
    }

    return null;
  }

  _emit(state, detail) {
    if (!this._stopped) {
      this._options.onState(state, detail);
    }
  }
}

// The page shows connection trouble on screen and keeps retrying, so the library's own reports of it go to the
// console as warnings; console errors are kept for faults of the page itself.
const consoleWithoutErrors = {
  log(level, message) {
    if (level >= signalR.LogLevel.Warning && level !== signalR.LogLevel.None) {
      console.warn(`[signalr] ${message}`);
    }
  },
};

/** A hub refusal without SignalR's prefix: "forbidden_topic: …". */
function hubMessage(error) {
  const text = String(error?.message ?? error);
  const marker = "HubException: ";
  const at = text.indexOf(marker);
  return at >= 0 ? text.slice(at + marker.length) : text;
}

function shortError(error) {
  if (error === undefined || error === null) {
    return "no reason given";
  }

  const text = String(error.message ?? error);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
