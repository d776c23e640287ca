// 審議会の設定: the council's name, membership and rules, its roster of members and its officials.
// Settings save as the secretary leaves each field; roster changes redraw the lists.

import { call } from "../host.js";
import { h, replaceKeepingFocus, select } from "../dom.js";
import { addField, attempt, errorLine, fieldRow, saveOnChange, submitField } from "../fields.js";
import { openScope } from "../drafts.js";
import { onEnter } from "../ime.js";
import { moveButtons, removeButton } from "../rows.js";
import { formatSection } from "./format.js";
import { CHAIR_VOTES, FY2019, LABEL_STYLE, MAJORITY_BASIS, ONLINE_COUNTS, QUORUM_RULE, RESULT_WORDS, roles } from "../labels.js";

export async function showCouncil(root, go, { id, back }) {
  const councils = await call("list_councils");
  await openScope(`council:${id}`);
  const council = councils.find((c) => c.id === id);
  if (!council) throw { code: "NOT_FOUND", message: "審議会が見つかりません。一覧に戻ってください。" };
  new CouncilPage(root, go, council, back).render();
}

class CouncilPage {
  constructor(root, go, council, back) {
    Object.assign(this, { root, go, c: council, back });
  }

  /// The 書式 card, made once per visit (it keeps its file path and last result); a saved format
  /// (a preset or a file may change the labelling and the titles) redraws the rest of the page,
  /// and a redraw of the page redraws its preview (a roster's groups show there).
  formatCard() {
    if (this.format) {
      this.format.drawPreview();
      return this.format.slot;
    }
    this.format = formatSection(this.c, (answer) => { this.c = answer; this.render(); });
    return this.format.slot;
  }

  update(council) {
    this.c = council;
    const q = this.root.querySelector('[data-testid="quorum"]');
    if (q) q.textContent = quorumText(council);
    const title = this.root.querySelector('[data-testid="council-title"]');
    if (title) title.textContent = council.name;
  }

  redraw(council) {
    if (council) this.c = council;
    this.render();
  }

  render() {
    const c = this.c;
    replaceKeepingFocus(this.root,
      h("div", { class: "page-head" },
        h("h1", {}, "審議会の設定：", h("span", { testid: "council-title" }, c.name)),
        this.back ? h("button", { class: "secondary", testid: "back-to-meeting", onclick: () => this.go("meeting", { id: this.back }) }, "会議の準備に戻る") : null),
      h("div", { class: "columns" },
        h("div", { class: "col" }, this.rulesSection(), this.back ? h("div", { testid: "phrases-slot" }) : null),
        h("div", { class: "col" }, this.rosterSection(), this.officialsSection())),
      this.formatCard());
    this.drawPhrases();
  }

  /// 定型文 and ト書き the secretary adds to the ones shipped; shown when opened from a meeting,
  /// because phrases are filled in for that meeting's current item.
  async drawPhrases() {
    const slot = this.root.querySelector('[data-testid="phrases-slot"]');
    if (!slot) return;
    const meetingId = this.back;
    const phrases = await call("list_phrases", { meetingId });
    const kind = select({ testid: "phrase-new-kind", "aria-label": "種類" }, [["phrase", "定型文"], ["note", "ト書き"]], "phrase");
    const key = addField(h("input", { testid: "phrase-new-key", size: 5, placeholder: "キー", "aria-label": "呼び出しキー" }));
    const text = addField(h("input", { testid: "phrase-new-text", class: "wide", placeholder: "文（{番号}{件名}{大項目}{賛成}{反対}{棄権}{結果}{経過}{署名委員} が使えます）", "aria-label": "文" }));
    const add = async () => {
      const answer = await attempt("phrase", text, () => call("add_phrase", { meetingId, kind: kind.value, key: key.value, text: text.value }));
      if (answer) {
        key.clearDraft();
        text.clearDraft();
        this.drawPhrases();
      }
    };
    onEnter(text, add);
    const rows = phrases.map((p) => h("li", { class: "row" },
      h("span", { class: "number" }, p.kind === "note" ? "ト書き" : `;${p.key}`), h("span", { class: "wide" }, p.text),
      removeButton(`phrase-remove-${p.id}`, "phrase", () => call("remove_phrase", { meetingId, phraseId: p.id }), () => this.drawPhrases())));
    slot.replaceChildren(h("section", { class: "card" },
      h("h2", {}, "定型文とト書き"),
      h("ul", { class: "rows", testid: "phrases" }, rows),
      h("div", { class: "row add" }, kind, key, text, h("button", { testid: "phrase-add", onclick: add }, "追加")),
      errorLine("phrase")));
  }

  rulesSection() {
    const c = this.c;
    const save = (field) => (value) => call("update_council", { councilId: c.id, field, value: String(value) });
    const bind = (field, control) => saveOnChange(control, `council.${field}`, save(field), (answer) => this.update(answer));
    const officialLabel = bind("official_label", h("input", { testid: "council-official_label", value: c.official_label, list: "official-labels", size: 8 }));
    return h("section", { class: "card" },
      h("h2", {}, "名称と規則"),
      fieldRow("審議会名", bind("name", h("input", { testid: "council-name", value: c.name, class: "wide" })), "council.name"),
      fieldRow("委員定数", bind("membership", h("input", { testid: "council-membership", value: c.membership, inputmode: "numeric", size: 4 })), "council.membership", "名"),
      fieldRow("定足数", bind("quorum_rule", select({ testid: "council-quorum_rule" }, QUORUM_RULE, c.quorum_rule)), "council.quorum_rule",
        h("span", { testid: "quorum" }, quorumText(c))),
      fieldRow("指定の定足数", bind("quorum_fixed", h("input", { testid: "council-quorum_fixed", value: c.quorum_fixed ?? "", inputmode: "numeric", size: 4 })), "council.quorum_fixed", "名（「人数を指定」のとき）"),
      fieldRow("会長の採決", bind("chair_votes", select({ testid: "council-chair_votes" }, CHAIR_VOTES, c.chair_votes)), "council.chair_votes"),
      fieldRow("過半数の数え方", bind("majority_basis", select({ testid: "council-majority_basis" }, MAJORITY_BASIS, c.majority_basis)), "council.majority_basis"),
      fieldRow("オンライン参加", bind("online_counts", select({ testid: "council-online_counts" }, ONLINE_COUNTS, String(c.online_counts))), "council.online_counts"),
      fieldRow("結果の言い方", bind("result_words", select({ testid: "council-result_words" }, RESULT_WORDS, c.result_words)), "council.result_words"),
      h("p", { class: "note" }, "名称・名簿・区側の出席者・表記・規則は、開会の時点でその会議に写されます。開会後に変えても、開会済みの会議の記録（会議録）は変わりません。"),
      fieldRow("表紙の欠席者", bind("cover_absent", select({ testid: "council-cover_absent" }, [["false", "書かない（参考の会議録と同じ）"], ["true", "欠席者の欄を設ける"]], String(c.cover_absent))), "council.cover_absent"),
      fieldRow("公開・非公開", bind("disclosure", h("input", { testid: "council-disclosure", value: c.disclosure, size: 10, placeholder: "空欄なら欄なし" })), "council.disclosure"),
      fieldRow("発言者の表記", bind("label_style", select({ testid: "council-label_style" }, LABEL_STYLE, c.label_style)), "council.label_style"),
      fieldRow("区側の表記", officialLabel, "council.official_label"),
      h("datalist", { id: "official-labels" }, h("option", { value: "区側" }), h("option", { value: "事務局" })),
      fieldRow("換気の間隔", bind("ventilation_minutes", h("input", { testid: "council-ventilation_minutes", value: c.ventilation_minutes, inputmode: "numeric", size: 4 })), "council.ventilation_minutes", "分ごと"),
      fieldRow("2019年度の表記", bind("fy2019_style", select({ testid: "council-fy2019_style" }, FY2019, c.fy2019_style)), "council.fy2019_style"));
  }

  rosterSection() {
    const c = this.c;
    const redraw = (answer) => this.redraw(answer);
    const rows = c.members.map((member, i) => {
      const name = h("input", { testid: `member-${member.id}-name`, value: member.name, "aria-label": "氏名", size: 10 });
      const role = select({ testid: `member-${member.id}-role`, "aria-label": "役職" }, roles(c), member.role);
      const save = () => call("update_member", { memberId: member.id, name: name.value, role: role.value });
      saveOnChange(name, "member", save);
      saveOnChange(role, "member", save);
      // The group the cover lists the member under (学識経験者, 区民委員), when it lists them by group.
      const group = h("input", { testid: `member-${member.id}-group`, value: member.group ?? "", size: 8, placeholder: "区分", "aria-label": "区分（表紙で分けて書くとき）" });
      saveOnChange(group, "member", (value) => call("set_member_group", { memberId: member.id, group: value }), redraw);
      return h("li", { class: "row" }, h("span", { class: "number" }, `${i + 1}`), role, name, group,
        moveButtons(`member-${member.id}`, i, c.members.length, "roster", (up) => call("move_member", { memberId: member.id, up }), redraw),
        removeButton(`member-${member.id}-remove`, "roster", () => call("remove_member", { memberId: member.id }), redraw));
    });
    const newName = addField(h("input", { testid: "member-new-name", placeholder: "氏名を入力して Enter", size: 14, "aria-label": "追加する委員の氏名" }));
    const newRole = select({ testid: "member-new-role", "aria-label": "役職" }, roles(c), "member");
    const add = async () => {
      const answer = await submitField(newName, "member", (name) => call("add_member", { councilId: c.id, name, role: newRole.value }));
      if (answer) this.redraw(answer);
    };
    onEnter(newName, add);
    return h("section", { class: "card" },
      h("h2", {}, `委員名簿（${c.members.length}名／定数${c.membership}名）`),
      h("ul", { class: "rows", testid: "roster" }, rows),
      h("div", { class: "row add" }, newRole, newName, h("button", { testid: "member-add", onclick: add }, "追加")),
      errorLine("member"), errorLine("roster"));
  }

  officialsSection() {
    const c = this.c;
    const redraw = (answer) => this.redraw(answer);
    const rows = c.officials.map((o, i) => {
      const title = h("input", { testid: `official-${o.id}-title`, value: o.title, class: "wide", "aria-label": "職名" });
      saveOnChange(title, "official", (value) => call("update_official", { officialId: o.id, title: value }));
      // The group the cover lists the official under (理事者側, 議会事務局), when it has several lists.
      const group = h("input", { testid: `official-${o.id}-group`, value: o.group ?? "", size: 8, placeholder: "区分", "aria-label": "区分（表紙で分けて書くとき）" });
      saveOnChange(group, "official", (value) => call("set_official_group", { officialId: o.id, group: value }));
      return h("li", { class: "row" }, title, group,
        moveButtons(`official-${o.id}`, i, c.officials.length, "official", (up) => call("move_official", { officialId: o.id, up }), redraw),
        removeButton(`official-${o.id}-remove`, "official", () => call("remove_official", { officialId: o.id }), redraw));
    });
    const newTitle = addField(h("input", { testid: "official-new-title", class: "wide", placeholder: "職名を入力して Enter（例: 情報政策課長）", "aria-label": "追加する職名" }));
    const add = async () => {
      const answer = await submitField(newTitle, "official", (title) => call("add_official", { councilId: c.id, title }));
      if (answer) this.redraw(answer);
    };
    onEnter(newTitle, add);
    return h("section", { class: "card" },
      h("h2", {}, `${c.official_label}の出席者（職名）`),
      h("ul", { class: "rows", testid: "officials" }, rows),
      h("div", { class: "row add" }, newTitle, h("button", { testid: "official-add", onclick: add }, "追加")),
      errorLine("official"));
  }
}

function quorumText(c) {
  return `定足数 ${c.quorum}名（委員${c.membership}名）`;
}
