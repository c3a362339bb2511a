// Reads a token's claims for display and for choosing defaults. The page never checks a signature: the hub does.

/** The token's claims, or null when it is not a JWT. */
export function readClaims(token) {
  const parts = token.trim().split(".");
  if (parts.length !== 3) {
    return null;
  }

  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims !== null && typeof claims === "object" ? claims : null;
  } catch {
    return null;
  }
}

/** True when the claims carry an `exp` that has passed. */
export function isExpired(claims, now = Date.now()) {
  return claims !== null && typeof claims.exp === "number" && claims.exp * 1000 <= now;
}

/** A one-line summary of the claims for the page. */
export function describeClaims(claims, now = Date.now()) {
  if (claims === null) {
    return "Not a JWT: the hub will refuse it.";
  }

  const parts = [];
  parts.push(`customer ${claims.customer_id ?? "none"}`);
  parts.push(`agent ${claims.agent_id ?? "none"}`);
  const permissions = Array.isArray(claims.permissions) ? claims.permissions : [];
  parts.push(`permissions ${permissions.length > 0 ? permissions.join(", ") : "none"}`);
  if (typeof claims.exp === "number") {
    const minutes = Math.round((claims.exp * 1000 - now) / 60000);
    parts.push(minutes > 0 ? `expires in ${minutes} min` : "expired");
  }

  return parts.join(" · ");
}

/** A random UUID, also where crypto.randomUUID is missing (pages not served from a secure context). */
export function newUuid() {
  if (typeof crypto.randomUUID === "function") {
    return crypto.randomUUID();
  }

  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
