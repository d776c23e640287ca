// Wall-clock helpers for the live screen. The store keeps local times as "YYYY-MM-DDTHH:MM:SS";
// JavaScript reads that form as local time too.

export function parseLocal(s) {
  return s ? new Date(s) : null;
}

export function hhmm(s) {
  return s ? s.slice(11, 16) : "";
}

/// A stored local time as a notice shows it beside the clock: "14:05" on the day of `now` (a
/// Date), "12月1日 02:14" on another day, with the year when that differs too — a meeting left
/// open for days read 「換気の時間です（02:14）」 with no day.
export function hhmmOn(s, now) {
  if (!s) return "";
  if (onDay(s, now)) return hhmm(s);
  const [y, mo, d] = s.slice(0, 10).split("-").map(Number);
  return `${y === now.getFullYear() ? "" : `${y}年`}${mo}月${d}日 ${hhmm(s)}`;
}

/// Whether the stored local date or time `s` ("YYYY-MM-DD…") falls on the local day of `now`.
export function onDay(s, now) {
  const [y, mo, d] = s.slice(0, 10).split("-").map(Number);
  return y === now.getFullYear() && mo === now.getMonth() + 1 && d === now.getDate();
}

// One formatter for every clock on the page, made once. `toLocaleTimeString` makes a new ICU
// formatter on each call (about 25 KB outside the script heap, which the collector does not
// see): at one call a second in each window, the chair's web process grew by 24 MB in a six-hour
// sitting before a collection came (the bench's a_six_hour_sitting_in_accelerated_time).
const TIME = new Intl.DateTimeFormat("ja-JP", { hour: "numeric", minute: "numeric", second: "numeric", hour12: false });

/// The wall-clock time of `date` as the screens show it: "9:05:03" (hours 0–23, no padding).
export function hms(date) {
  return TIME.format(date);
}

/// A span of `ms` milliseconds (negative as 0) in hours, minutes and seconds: 0:05:09, 1:05:09,
/// and from a day on 3日 1:05:09. Always with the hours: 「経過 4:32」 beside the clock read as
/// four hours; a meeting left open for days read 「経過 84641:27:00」.
export function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = String(Math.floor((total % 3600) / 60)).padStart(2, "0");
  const s = String(total % 60).padStart(2, "0");
  return d > 0 ? `${d}日 ${h}:${m}:${s}` : `${h}:${m}:${s}`;
}
