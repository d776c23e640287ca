// Wall-clock helpers for the live screen. The store keeps local times as "YYYY-MM-DDTHH:MM:SS";
// JavaScript reads that form as local time too.

export function parseLocal(s) {
  return s ? new Date(s) : null;
}

export function hhmm(s) {
  return s ? s.slice(11, 16) : "";
}

export function hms(date) {
  return date.toLocaleTimeString("ja-JP", { hour12: false });
}

/// 1:05:09 or 5:09
export function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
