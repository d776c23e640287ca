//! Finding words in a meeting's record: the attendees send corrections back as "the sentence
//! about 2月14日", and the secretary finds the turn without reading three hours again.
//!
//! Matching is by what a reader sees, not by code points: full-width letters and digits match
//! their half-width forms (２月１４日 = 2月14日), Latin letters match in either case, spaces and
//! line breaks are ignored, and words separated by a space must all occur in the turn.

use crate::error::{Error, Result};
use crate::model::Turn;

/// Folds a text to the form it is compared in.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            // Full-width ASCII (！ to ～) sits at a fixed offset from ASCII.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words to find; an empty query is refused, so an accidental Enter finds nothing silently.
pub fn words(query: &str) -> Result<Vec<String>> {
    let words: Vec<String> = query.split_whitespace().map(fold).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Err(Error::invalid("search", "探す言葉を入力してください。"));
    }
    Ok(words)
}

/// The turns holding every word, in the record's order.
pub fn matching(turns: &[Turn], query: &str) -> Result<Vec<i64>> {
    let words = words(query)?;
    Ok(turns
        .iter()
        .filter(|t| {
            let text = fold(&t.text);
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .map(|t| t.id)
        .collect())
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
}
