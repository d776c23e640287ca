// Screen words for the core's closed sets. Display only: no rule lives here.

export const STATUS = {
  preparing: "準備中", in_session: "開会中", closed: "閉会", draft: "案", final: "確定",
};
/// The council's words for its officers, from its format (書式): 会長 or 委員長, 座長 …, so the
/// screens say what the minutes will print.
export function titles(council) {
  const f = council.format ?? {};
  return { chair: f.chair_title ?? "会長", vice_chair: f.vice_chair_title ?? "副会長", member: f.member_title ?? "委員", official: council.official_label };
}
/// The roles a member can have, in the council's words.
export function roles(council) {
  const t = titles(council);
  return [["chair", t.chair], ["vice_chair", t.vice_chair], ["member", t.member]];
}
export const ATTENDANCE = [["present", "出席"], ["online", "オンライン"], ["absent", "欠席"], ["left", "退席"]];
/// 出席, 欠席 … for an attendance status, as the selects show it.
export function attendanceLabel(status) {
  return ATTENDANCE.find(([value]) => value === status)?.[1] ?? status;
}
export const TIMING = [["advance", "事前配付"], ["on_the_day", "当日配付"]];
export const QUORUM_RULE = [["majority", "委員定数の過半数"], ["half", "委員定数の半数以上"], ["fixed", "人数を指定"]];
export const CHAIR_VOTES = [["never", "会長は採決に加わらない"], ["tie_only", "可否同数のときのみ会長が決する"], ["always", "会長も採決に加わる"]];
export const LABEL_STYLE = [["role", "役職（会長・委員・区側）"], ["lettered", "委員A・委員B…"], ["name", "氏名"]];
export const FY2019 = [["heisei", "平成31年度"], ["reiwa", "令和元年度"]];
export const MAJORITY_BASIS = [["present_and_voting", "出席し賛否を表明した委員の過半数（棄権を除く）"], ["present", "出席委員の過半数"]];
export const ONLINE_COUNTS = [["true", "オンライン参加も出席に数える"], ["false", "オンライン参加は出席に数えない"]];
export const RESULT_WORDS = [["approve", "承認／否決"], ["ze", "是／非"], ["pass", "可決／否決"]];

/// 会長 / 副会長 (in the council's words) beside a name; nothing for a member.
export function roleMark(role, council) {
  const t = titles(council);
  return role === "chair" ? t.chair : role === "vice_chair" ? t.vice_chair : "";
}

/// 出席20名／委員21名・定足数11名 → 成立, from the numbers the core computed under the meeting's rules.
export function quorumLine(m) {
  return `出席${m.present}名／委員${m.rules.membership}名・定足数${m.quorum}名 → ${m.quorum_met ? "成立" : "不成立"}`;
}
/// Councils' names as the screens list them, by id: a name two councils share (a meeting file
/// imported from another laptop makes a council of its own) is told apart by the order they were
/// registered in, 「環境審議会（1）」「環境審議会（2）」; any other name as it is.
export function councilNames(councils) {
  const byName = new Map();
  for (const c of [...councils].sort((a, b) => a.id - b.id)) byName.set(c.name, [...(byName.get(c.name) ?? []), c.id]);
  const names = new Map();
  for (const [name, ids] of byName) ids.forEach((id, i) => names.set(id, ids.length > 1 ? `${name}（${i + 1}）` : name));
  return names;
}
/// 令和3年12月13日（月） from the core's 日時 line (the date part, with its weekday).
export function eraDate(dateText) {
  const end = dateText.indexOf("）");
  return end > 0 ? dateText.slice(0, end + 1) : dateText;
}
