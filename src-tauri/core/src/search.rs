//! Finding words in a meeting's record: the attendees send corrections back as "the sentence
//! about 2月14日", and the secretary finds the turn without reading three hours again.
//!
//! Matching is by what a reader sees, not by code points: full-width letters and digits match
//! their half-width forms (２月１４日 = 2月14日), Latin letters match in either case, spaces and
//! line breaks are ignored, and words separated by a space must all occur in the turn.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Turn;

/// Folds one character to the form it is compared in; whitespace folds to nothing.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    let c = match c {
        // Full-width ASCII (！ to ～) sits at a fixed offset from ASCII.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_lowercase().filter(|c| !c.is_whitespace())
}

/// Folds a text to the form it is compared in.
fn fold(text: &str) -> String {
    text.chars().flat_map(fold_char).collect()
}

/// One turn found in the whole store, for the list of results on 会議一覧.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    pub meeting_id: i64,
    pub turn_id: i64,
    pub speaker_label: String,
    /// A few words around the first match, as typed.
    pub excerpt: String,
}

/// About 40 characters of `text` around the first place `word` (folded) occurs.
pub fn excerpt(text: &str, word: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    // Each folded character remembers which typed character it came from.
    let (folded, origin): (Vec<char>, Vec<usize>) =
        chars.iter().enumerate().flat_map(|(i, c)| fold_char(*c).map(move |f| (f, i))).unzip();
    let word: Vec<char> = word.chars().collect();
    let at = folded.windows(word.len().max(1)).position(|w| w == word.as_slice()).unwrap_or(0);
    let (first, last) =
        (origin.get(at).copied().unwrap_or(0), origin.get(at + word.len().max(1) - 1).copied().unwrap_or(0));
    let from = first.saturating_sub(15);
    let to = (last + 26).min(chars.len());
    let piece: String = chars[from..to].iter().map(|c| if *c == '\n' { ' ' } else { *c }).collect();
    format!("{}{piece}{}", if from > 0 { "…" } else { "" }, if to < chars.len() { "…" } else { "" })
}

/// The turns holding every word (from `words`), each with the meeting it belongs to, in the
/// order given.
pub fn found(turns: &[(i64, Turn)], words: &[String]) -> Vec<Found> {
    turns
        .iter()
        .filter(|(_, t)| holds_all(&t.text, words))
        .map(|(meeting_id, t)| Found {
            meeting_id: *meeting_id,
            turn_id: t.id,
            speaker_label: t.speaker_label.clone(),
            excerpt: excerpt(&t.text, &words[0]),
        })
        .collect()
}

/// The words to find. An empty query is refused with a message, not answered with nothing found.
pub fn words(query: &str) -> Result<Vec<String>> {
    let words: Vec<String> = query.split_whitespace().map(fold).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Err(Error::invalid("search", "探す言葉を入力してください。"));
    }
    Ok(words)
}

fn holds_all(text: &str, words: &[String]) -> bool {
    let text = fold(text);
    words.iter().all(|w| text.contains(w.as_str()))
}

/// The turns holding every word (from `words`), in the record's order.
pub fn matching(turns: &[Turn], words: &[String]) -> Vec<i64> {
    turns.iter().filter(|t| holds_all(&t.text, words)).map(|t| t.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_what_a_reader_sees() {
        assert_eq!(fold("２月１４日の　審議会"), "2月14日の審議会");
        assert_eq!(fold("ＬＩＮＥ　WORKS"), "lineworks");
        assert_eq!(fold("前半の説明です。\n後半の説明です。"), "前半の説明です。後半の説明です。");
        assert_eq!(words("  2月14日　オンライン ").unwrap(), ["2月14日", "オンライン"]);
        assert!(words(" 　\n").is_err(), "nothing to find is said, not ignored");
    }

    #[test]
    fn an_excerpt_shows_the_words_around_the_match_as_typed() {
        let text = "ここから先はいつもの事務連絡になりますが、本日の会議録につきましては、後日事務局で取りまとめたものを案として出席者の方々にご送付させていただきます。\n次回は２月１４日の予定です。";
        let e = excerpt(text, "2月14日");
        assert!(e.contains("２月１４日の予定です。"), "{e}");
        assert!(e.starts_with('…') && !e.ends_with('…'), "{e}");
        assert!(!e.contains('\n'));
        assert_eq!(excerpt("短い発言です。", "発言"), "短い発言です。");
    }
}
