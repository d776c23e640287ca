//! Who will speak next, as a council's meeting runs: the speaker the live screen preselects after
//! each turn, so the secretary seldom has to press Alt+1…5. Read from the turn just recorded — who
//! said it and how it ended — as in the reference minutes (FORMAT.md §2): the chair gives the floor
//! to a member (委員どうぞ) or asks the ward to explain (区から説明をお願いいたします); a member's
//! question is answered by the ward; a short 「よろしいですか」 or 「分かりました」 goes back to the
//! chair; an explanation from the materials (（資料により説明）) ends with the chair's thanks.
//! `tests/speakers.rs` measures it on the reference minutes.

use crate::model::{Speaker, TurnKind};

/// The end of a turn, where a speaker hands over: its last paragraph, at most 80 characters.
fn ending(text: &str) -> String {
    let last = text.trim_end().rsplit('\n').next().unwrap_or("");
    let chars: Vec<char> = last.chars().collect();
    chars[chars.len().saturating_sub(80)..].iter().collect()
}

fn any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// The speaker to preselect when the meeting moves on to the next agenda item (F8): the chair
/// announces it.
pub const AFTER_NEXT_ITEM: Speaker = Speaker::Chair;

/// The speaker to preselect after a turn (`kind` speech or note) by `previous` saying `text`.
/// Never `Speaker::None`: a note on its own row is a deliberate choice (Alt+5). The vice chair is
/// answered like the chair.
pub fn next_speaker(previous: Speaker, kind: TurnKind, text: &str) -> Speaker {
    let end = ending(text);
    if kind == TurnKind::Note {
        // （資料により説明）, （賛成者挙手）…: the chair speaks next (thanks, or the next call).
        return Speaker::Chair;
    }
    match previous {
        Speaker::Chair | Speaker::ViceChair => {
            let asks_the_ward = any(&end, &["区から", "区側から", "事務局から", "事務局のほう", "所管課から"])
                && any(&end, &["お願い", "説明", "報告"]);
            let asks_the_count =
                any(&end, &["採決状況", "採決の状況", "お知らせください", "お伝えください", "反対者挙手"]);
            // A call for hands, or the hands just raised (（賛成者挙手）): the chair goes on with
            // the next call.
            let calls_for_hands = any(&end, &["挙手をお願い", "賛成者挙手"]);
            if asks_the_ward || asks_the_count {
                Speaker::Official
            } else if calls_for_hands {
                Speaker::Chair
            } else {
                Speaker::Member
            }
        }
        Speaker::Member => {
            let short = end.chars().count() <= 24;
            let asks_the_floor =
                short && any(&end, &["よろしいですか", "いいですか", "1つだけ", "１つだけ", "一つだけ"]);
            let done = (short
                && any(&end, &["ありがとうございます", "ありがとうございました", "了解", "結構です", "はい。"]))
                || any(&end, &["分かりました。", "わかりました。"]);
            // An opinion rather than a question goes back to the chair; 「…お聞かせいただければと
            // 思います」 is a question for the ward.
            let asking = any(&end, &["ければと思", "きたいと思", "たいと思います"]);
            let opinion = !asking
                && any(
                    &end,
                    &["と思います。", "と思いました。", "思ったところでございます。", "思ったりもするんですが。"],
                );
            if asks_the_floor || done || opinion {
                Speaker::Chair
            } else {
                Speaker::Official
            }
        }
        Speaker::Official => {
            // A report the chair asked for (the count of a vote, attendance, a proposal) goes back
            // to the chair; an answer usually draws the next question.
            let report = (any(&end, &["でございます。", "です。", "ております。"])
                && any(&end, &["賛成が", "反対が", "定足数", "ご提案", "出席委員"]))
                || any(&end, &["以上でございます", "申し訳ございませんでした", "検討してまいりたい"]);
            if report {
                Speaker::Chair
            } else {
                Speaker::Member
            }
        }
        Speaker::None => Speaker::Chair,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(speaker: Speaker, text: &str) -> Speaker {
        next_speaker(speaker, TurnKind::Speech, text)
    }

    #[test]
    fn the_floor_goes_where_the_words_hand_it() {
        assert_eq!(after(Speaker::Chair, "ご意見、ご質問等ございましたら。\n委員どうぞ。"), Speaker::Member);
        assert_eq!(after(Speaker::Chair, "…について、区から説明をお願いいたします。"), Speaker::Official);
        assert_eq!(
            after(Speaker::Chair, "委員の出席状況について事務局からご報告をお願いいたします。"),
            Speaker::Official
        );
        assert_eq!(
            after(Speaker::Chair, "反対の方は挙手をお願いいたします。\n採決状況をお知らせください。"),
            Speaker::Official
        );
        assert_eq!(
            after(Speaker::Chair, "賛成の方、挙手をお願いいたします。\n（賛成者挙手）"),
            Speaker::Chair,
            "the chair calls on"
        );
        assert_eq!(after(Speaker::Chair, "反対の方、挙手をお願いいたします。\n（反対者挙手）"), Speaker::Official);
        assert_eq!(after(Speaker::Member, "この資料の3の(1)はどういう意味でしょうか。"), Speaker::Official);
        assert_eq!(after(Speaker::Member, "1ついいですか。"), Speaker::Chair);
        assert_eq!(after(Speaker::Member, "分かりました。ありがとうございます。"), Speaker::Chair);
        assert_eq!(after(Speaker::Official, "賛成が19、反対がゼロでございます。"), Speaker::Chair);
        assert_eq!(after(Speaker::Official, "仕様書に明記してまいります。"), Speaker::Member);
        assert_eq!(next_speaker(Speaker::Official, TurnKind::Note, "（資料により説明）"), Speaker::Chair);
        assert_ne!(after(Speaker::None, "x"), Speaker::None, "a note on its own row is chosen, never preselected");
    }
}
