// Wires the page: token, connection, subscriptions, the publish form and the event log.

import { EventLog } from "./event-log.js";
import { RawClient } from "./raw-client.js";
import { SignalRClient } from "./signalr-client.js";
import { describeClaims, newUuid, readClaims } from "./token.js";

const byId = (id) => document.getElementById(id);

const page = {
  state: byId("state"),
  protocols: byId("protocols"),
  token: byId("token"),
  claims: byId("claims"),
  demoCustomer: byId("demo-customer"),
  demoAgent: byId("demo-agent"),
  demoPermissions: byId("demo-permissions"),
  getDemoToken: byId("get-demo-token"),
  connect: byId("connect"),
  disconnect: byId("disconnect"),
  connectionMessage: byId("connection-message"),
  subscribeForm: byId("subscribe-form"),
  topics: byId("topics"),
  subscribe: byId("subscribe"),
  unsubscribe: byId("unsubscribe"),
  subscriptionMessage: byId("subscription-message"),
  subscriptions: byId("subscriptions"),
  subscriptionCount: byId("subscription-count"),
  noSubscriptions: byId("no-subscriptions"),
  publishForm: byId("publish-form"),
  publishTopic: byId("publish-topic"),
  publishType: byId("publish-type"),
  publishData: byId("publish-data"),
  publish: byId("publish"),
  publishMessage: byId("publish-message"),
};

const stateLabels = {
  disconnected: "Disconnected",
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  failed: "Not connected",
};

const log = new EventLog({
  list: byId("entries"),
  filter: byId("filter"),
  pause: byId("pause"),
  clear: byId("clear"),
  rate: byId("rate"),
  total: byId("total"),
  pausedNote: byId("paused-note"),
  empty: byId("no-events"),
});

let client = null;
let suggestedPublishTopic = "";

const library = window.signalR;
const hasSignalR = typeof library?.HubConnectionBuilder === "function";
const hasMessagePack = typeof library?.protocols?.msgpack?.MessagePackHubProtocol === "function";

setUp();

function setUp() {
  if (!hasSignalR || !hasMessagePack) {
    byId("missing-library").hidden = false;
    const available = { json: hasSignalR, messagepack: hasMessagePack, raw: true };
    for (const input of protocolInputs()) {
      input.disabled = !available[input.value];
    }

    if (selectedProtocolInput() === undefined || selectedProtocolInput().disabled) {
      protocolInputs().find((input) => input.value === "raw").checked = true;
    }
  }

  page.demoCustomer.value = newUuid();
  page.demoAgent.value = newUuid();

  page.token.addEventListener("input", tokenChanged);
  page.getDemoToken.addEventListener("click", getDemoToken);
  page.connect.addEventListener("click", connect);
  page.disconnect.addEventListener("click", disconnect);
  page.subscribeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    changeSubscriptions("subscribe", readTopics(page.topics.value));
  });
  page.unsubscribe.addEventListener("click", () => {
    changeSubscriptions("unsubscribe", readTopics(page.topics.value));
  });
  page.publishForm.addEventListener("submit", (event) => {
    event.preventDefault();
    publish();
  });

  tokenChanged();
  showState("disconnected", "");
  showSubscriptions([]);
}

function protocolInputs() {
  return [...page.protocols.querySelectorAll("input[name=protocol]")];
}

function selectedProtocolInput() {
  return protocolInputs().find((input) => input.checked);
}

function currentToken() {
  return page.token.value.trim();
}

function tokenChanged() {
  const token = currentToken();
  const claims = token === "" ? null : readClaims(token);
  page.claims.textContent = token === "" ? "" : describeClaims(claims);

  // Offer a topic of the token's own customer until the user types one of their own.
  const customer = typeof claims?.customer_id === "string" ? claims.customer_id : null;
  const current = page.publishTopic.value.trim();
  if (customer !== null && (current === "" || current === suggestedPublishTopic)) {
    suggestedPublishTopic = `customer_id:${customer}:call:${newUuid()}`;
    page.publishTopic.value = suggestedPublishTopic;
  }
}

async function getDemoToken() {
  const permissions = [...page.demoPermissions.querySelectorAll("input:checked")].map((input) => input.value);
  const body = {
    customer_id: page.demoCustomer.value.trim() || null,
    agent_id: page.demoAgent.value.trim() || null,
    permissions,
  };

  page.getDemoToken.disabled = true;
  say(page.connectionMessage, "info", "Asking for a demo token…");
  try {
    const response = await fetch("v1.0/demo/token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

    if (response.status === 404) {
      say(page.connectionMessage, "error",
        "This server has no demo token endpoint: it exists only when the hub runs in Development. "
        + "Mint a token with: dotnet run --project src/VoipBin.Realtime -- token --help");
      return;
    }

    const answer = await response.json();
    if (!response.ok) {
      say(page.connectionMessage, "error", describeProblem(response.status, answer));
      return;
    }

    page.token.value = answer.token;
    tokenChanged();
    const until = new Date(answer.expires_at).toLocaleTimeString();
    say(page.connectionMessage, "ok", `Demo token issued, valid until ${until}.`);
  } catch (error) {
    say(page.connectionMessage, "error", `Could not get a demo token: ${error.message}`);
  } finally {
    page.getDemoToken.disabled = false;
  }
}

function connect() {
  const token = currentToken();
  if (token === "") {
    say(page.connectionMessage, "error", "Paste a token or get a demo token first.");
    return;
  }

  const protocol = selectedProtocolInput()?.value ?? "json";
  const callbacks = {
    getToken: currentToken,
    onEvent: (event) => log.add(event),
    onState: showState,
    onSubscriptions: showSubscriptions,
    onProblem: (message) => say(page.subscriptionMessage, "error", message),
  };

  client = protocol === "raw"
    ? new RawClient({ ...callbacks, socketUrl: rawSocketUrl })
    : new SignalRClient({ ...callbacks, protocol, hubUrl: new URL("v1.0/hub", document.baseURI).href });

  setConnectedControls(true);
  showSubscriptions([]);
  client.start();
}

async function disconnect() {
  const stopping = client;
  client = null;
  setConnectedControls(false);
  await stopping?.stop();
  showSubscriptions([]);
}

function rawSocketUrl(token) {
  const url = new URL("v1.0/ws", document.baseURI);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = `?token=${encodeURIComponent(token)}`;
  return url.href;
}

function setConnectedControls(connected) {
  page.connect.disabled = connected;
  page.disconnect.disabled = !connected;
  for (const input of protocolInputs()) {
    input.closest("label").classList.toggle("locked", connected);
  }

  page.protocols.disabled = connected;
}

function showState(state, detail) {
  const label = state === "connected" && client !== null ? `Connected · ${client.label}` : stateLabels[state];
  page.state.textContent = label ?? state;
  page.state.dataset.state = state;

  const usable = state === "connected";
  page.subscribe.disabled = !usable;
  page.unsubscribe.disabled = !usable;
  for (const button of page.subscriptions.querySelectorAll("button")) {
    button.disabled = !usable;
  }

  if (detail !== "") {
    const kind = { connected: "ok", failed: "error", reconnecting: "warn" }[state] ?? "info";
    say(page.connectionMessage, kind, detail);
  }

  if (state === "failed" && client !== null) {
    client = null;
    setConnectedControls(false);
    showSubscriptions([]);
  }
}

async function changeSubscriptions(action, topics) {
  if (topics.length === 0) {
    say(page.subscriptionMessage, "error", "Enter one or more topics.");
    return;
  }

  if (client === null) {
    say(page.subscriptionMessage, "error", "Connect first.");
    return;
  }

  say(page.subscriptionMessage, "info", action === "subscribe" ? "Subscribing…" : "Unsubscribing…");
  try {
    const active = await client[action](topics);
    showSubscriptions(active);
    const verb = action === "subscribe" ? "Subscribed" : "Unsubscribed";
    say(page.subscriptionMessage, "ok", `${verb}: ${topics.join(" ")}`);
  } catch (error) {
    say(page.subscriptionMessage, "error", error.message);
  }
}

function showSubscriptions(topics) {
  const items = topics.map((topic) => {
    const item = document.createElement("li");
    const name = document.createElement("code");
    name.textContent = topic;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.textContent = "×";
    remove.title = `Unsubscribe ${topic}`;
    remove.setAttribute("aria-label", `Unsubscribe ${topic}`);
    remove.disabled = page.state.dataset.state !== "connected";
    remove.addEventListener("click", () => changeSubscriptions("unsubscribe", [topic]));
    item.append(name, remove);
    return item;
  });

  page.subscriptions.replaceChildren(...items);
  page.subscriptionCount.textContent = String(topics.length);
  page.noSubscriptions.hidden = topics.length > 0;
}

async function publish() {
  const topic = page.publishTopic.value.trim();
  const type = page.publishType.value.trim();
  let data;
  try {
    const text = page.publishData.value.trim();
    data = text === "" ? null : JSON.parse(text);
  } catch (error) {
    say(page.publishMessage, "error", `The data is not valid JSON: ${error.message}`);
    return;
  }

  if (currentToken() === "") {
    say(page.publishMessage, "error", "Publishing needs a token with event_publisher: paste or get one.");
    return;
  }

  page.publish.disabled = true;
  say(page.publishMessage, "info", "Publishing…");
  try {
    const response = await fetch("v1.0/events", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${currentToken()}` },
      body: JSON.stringify({ topic, type, data }),
    });

    const answer = await readJson(response);
    if (response.status === 202) {
      say(page.publishMessage, "ok", `Accepted ${answer?.accepted ?? "?"} event: ${type} on ${topic}`);
      return;
    }

    say(page.publishMessage, "error", describeProblem(response.status, answer));
  } catch (error) {
    say(page.publishMessage, "error", `Could not publish: ${error.message}`);
  } finally {
    page.publish.disabled = false;
  }
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** A problem body as one line: status, title or detail, then each field's errors. */
function describeProblem(status, problem) {
  const parts = [`${status}`];
  if (problem?.detail) {
    parts.push(problem.detail);
  } else if (problem?.title) {
    parts.push(problem.title);
  }

  for (const [field, messages] of Object.entries(problem?.errors ?? {})) {
    const label = field === "" ? "" : `${field}: `;
    parts.push(`${label}${[].concat(messages).join(" ")}`);
  }

  if (status === 401) {
    parts.push("The token is missing, malformed or expired.");
  } else if (status === 403) {
    parts.push("Publishing needs event_publisher or project_super_admin.");
  }

  return parts.join(" · ");
}

function readTopics(text) {
  return text.split(/[\s,]+/).filter((topic) => topic !== "");
}

function say(element, kind, text) {
  element.dataset.kind = kind;
  element.textContent = text;
}
