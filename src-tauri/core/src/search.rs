//! Finding words in a meeting's record: the attendees send corrections back as "the sentence
//! about 2月14日", and the secretary finds the turn without reading three hours again.
//!
//! Matching is by what a reader sees, not by code points. Both the turn and the query are folded
//! (`fold`), and only for comparing: results and excerpts show the text as typed.
//!
//! - Unicode compatibility folding (NFKC, `unicode-normalization`): ２月１４日 = 2月14日,
//!   ＬＩＮＥ = LINE, half-width ｺﾛﾅ = コロナ (ｶﾞ too), ㈱ = (株); composed and decomposed forms
//!   are one (ガ = カ + U+3099).
//! - Latin letters in either case.
//! - `LOOK_ALIKES`: the wave dash and the tildes, and the hyphen/minus family, which keyboards,
//!   IMEs, Word and PDFs give interchangeably.
//! - Removed: whitespace and line breaks, zero-width characters (U+200B/C/D, U+2060, U+FEFF, the
//!   soft hyphen) and variation selectors (葛 and 葛󠄀 are one character to a reader).
//!
//! Words separated by a space must all occur in the turn.

use serde::Serialize;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::model::Turn;

/// Characters a reader takes for one another, folded to the first of their family. After NFKC,
/// so full-width ～ and － already arrive as ~ and -.
const LOOK_ALIKES: &[(char, &[char])] = &[
    // WAVE DASH (what Japanese Mac/Linux IMEs type), FULLWIDTH TILDE (Windows IMEs), TILDE
    // OPERATOR, SWUNG DASH: the 〜 of 10時〜12時.
    ('~', &['\u{301C}', '\u{223C}', '\u{2053}', '\u{3030}']),
    // HYPHEN, NON-BREAKING HYPHEN, FIGURE DASH, EN DASH, EM DASH, HORIZONTAL BAR, MINUS SIGN,
    // HYPHEN BULLET, SMALL EM DASH. Not the long vowel mark ー, which is a kana.
    (
        '-',
        &['\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}', '\u{2043}', '\u{FE58}'],
    ),
];

/// Invisible to a reader, so never part of a match: zero-width space, non-joiner, joiner, word
/// joiner, BOM (zero-width no-break space), soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
        || ('\u{FE00}'..='\u{FE0F}').contains(&c)
        || ('\u{E0100}'..='\u{E01EF}').contains(&c)
}

/// Whether `c` joins the character before it under NFKC: a combining mark, or the half-width
/// (semi-)voiced sound mark of ｶﾞ / ﾊﾟ, which NFKC composes with the kana before it.
fn joins_previous(c: char) -> bool {
    canonical_combining_class(c) != 0 || matches!(c, '\u{FF9E}' | '\u{FF9F}' | '\u{3099}' | '\u{309A}')
}

/// Folds one piece of text (a character with the marks that join it) to the form it is compared in.
fn fold_piece(piece: &str) -> impl Iterator<Item = char> + '_ {
    piece
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .map(|c| LOOK_ALIKES.iter().find(|(_, family)| family.contains(&c)).map_or(c, |(to, _)| *to))
}

/// The typed text cut into pieces that fold independently: each character with the marks that
/// join it. Answers (index of the piece's first character, the piece).
fn pieces(text: &str) -> Vec<(usize, &str)> {
    let mut out: Vec<(usize, &str)> = Vec::new();
    let mut start = 0;
    let mut first = 0;
    for (i, (at, c)) in text.char_indices().enumerate() {
        if at > 0 && !joins_previous(c) {
            out.push((first, &text[start..at]));
            start = at;
            first = i;
        }
    }
    if !text.is_empty() {
        out.push((first, &text[start..]));
    }
    out
}

/// Characters that fold to themselves when no mark joins them — most of what minutes are made of:
/// kana, kanji, 、。「」 and ASCII but capitals. `fold` copies them as they are instead of running
/// NFKC on each (which made a one-character search of 1,600 turns take 35 ms);
/// `every_quick_character_folds_to_itself` checks each of them against `fold_piece`.
fn folds_to_itself(c: char) -> bool {
    matches!(c,
        '!'..='@' | '['..='~' // ASCII printable but capitals (and the space, which folds away)
        | '\u{3001}'..='\u{3003}' | '\u{3005}'..='\u{3011}' // 、。〃 々〆〇 〈〉《》「」『』【】
        | '\u{3041}'..='\u{3096}' // hiragana
        | '\u{30A1}'..='\u{30FC}' // katakana, ・ and ー
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
    )
}

/// The characters of `text` folded, piece by piece: a character that folds to itself with no
/// mark joining it is passed on as it is, any other piece goes through `fold_piece`.
fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    pieces(text).into_iter().flat_map(|(_, piece)| {
        let mut chars = piece.chars();
        let quick = match (chars.next(), chars.next()) {
            (Some(c), None) if folds_to_itself(c) => Some(c),
            _ => None,
        };
        quick.into_iter().chain(quick.is_none().then(|| fold_piece(piece)).into_iter().flatten())
    })
}

/// Whether `text`, folded, holds `c` (a character of a folded query): `fold(text).contains(c)`
/// without building the folded text, stopping at the first.
pub(crate) fn folded_holds(text: &str, c: char) -> bool {
    folded_chars(text).any(|f| f == c)
}

/// Folds a text to the form it is compared in.
pub(crate) fn fold(text: &str) -> String {
    folded_chars(text).collect()
}

/// One place found in the archive, for the list of results on 会議一覧: a turn, or an agenda
/// entry whose title holds the words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    pub meeting_id: i64,
    /// 名称 of the meeting and its date as printed (令和3年12月13日（月）…).
    pub meeting_title: String,
    pub date_text: String,
    /// The turn found; `None` for an agenda title.
    pub turn_id: Option<i64>,
    /// 会長, 委員 … for a turn; 議題 for a title; 会場, 配付資料 or 出席者 for a field of the cover.
    pub speaker_label: String,
    /// Whether the place is a field of the cover (会場, 配付資料, 出席者), shown where the meeting's
    /// cover is edited rather than in its record.
    pub cover: bool,
    /// A few words around the first match, as typed.
    pub excerpt: String,
    /// The matched words in `excerpt`: (first character, character count), in order.
    pub marks: Vec<(usize, usize)>,
}

/// One page of what the archive holds for a query: this page's places, whether more follow, and
/// how many places in all when that was counted (`Store::search_archive`; the window asks for the
/// page first and the count after it is painted).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    pub total: Option<i64>,
    pub more: bool,
    pub offset: i64,
    pub found: Vec<Found>,
}

/// What to look for across the archive, narrowed as the secretary chooses, and which page.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ArchiveQuery {
    /// Words separated by spaces; each must occur (folded as `fold` folds).
    pub query: String,
    pub council_id: Option<i64>,
    /// The 年度 (April to March), by the calendar year of its April.
    pub fiscal_year: Option<i64>,
    /// Only turns of this speaker role (chair, member, official …); leaves agenda titles out.
    pub speaker: Option<String>,
    /// Only the places of agenda entries whose title holds these words (space separated, folded
    /// as `fold` folds): the titles themselves and the turns filed under them — an item's own
    /// title or its section's (所管事項の報告 finds the turns of each item under it). Leaves the
    /// cover's fields out. `None` or blank: every place.
    #[serde(default)]
    pub item: Option<String>,
    /// Places skipped (the pages already shown).
    #[serde(default)]
    pub offset: i64,
    /// Places on this page: 50 when not given, at most 200.
    pub limit: Option<i64>,
}

/// About 40 characters of `text` around the first place `word` (folded) occurs.
pub fn excerpt(text: &str, word: &str) -> String {
    marked_excerpt(text, std::slice::from_ref(&word.to_string())).0
}

/// `text` folded (`fold`), each folded character with the typed characters it came from (first,
/// last, as character positions in `text`): ﾀﾞ is one ダ, and a mark on it covers both.
fn folded_with_origin(text: &str) -> (Vec<char>, Vec<(usize, usize)>) {
    pieces(text)
        .into_iter()
        .flat_map(|(i, p)| {
            let last = i + p.chars().count() - 1;
            fold_piece(p).map(move |f| (f, (i, last)))
        })
        .unzip()
}

/// Every place each of `words` (folded) occurs in folded text: (first, last) typed characters.
fn occurrences(folded: &[char], origin: &[(usize, usize)], words: &[String]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for word in words {
        let w: Vec<char> = word.chars().collect();
        if w.is_empty() {
            continue;
        }
        for (i, window) in folded.windows(w.len()).enumerate() {
            if window == w.as_slice() {
                found.push((origin[i].0, origin[i + w.len() - 1].1));
            }
        }
    }
    found
}

/// Where each of `words` (from `words`) occurs in the whole of `text`, as typed: (first
/// character, character count), counted in characters (Unicode scalar values), in order; the
/// screen marks them in a turn opened from a search (Ctrl+F or 会議一覧).
pub fn marks(text: &str, words: &[String]) -> Vec<(usize, usize)> {
    let (folded, origin) = folded_with_origin(text);
    merged(occurrences(&folded, &origin, words))
}

/// Places (first, last) as marks (first, count), in order, overlapping ones made one: 「2月 月14」
/// marks 2月14 whole, where only 2月 was marked.
fn merged(mut places: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    places.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (a, b) in places {
        match out.last_mut() {
            Some((first, count)) if a <= *first + *count => *count = (*count).max(b + 1 - *first),
            _ => out.push((a, b - a + 1)),
        }
    }
    out
}

/// About 40 characters of `text` around the first place the longest of `words` (folded) occurs,
/// with where each of `words` occurs in it (overlapping ones as one): (first character, character count) in the excerpt,
/// so the screen can highlight them as typed.
pub fn marked_excerpt(text: &str, words: &[String]) -> (String, Vec<(usize, usize)>) {
    let chars: Vec<char> = text.chars().collect();
    let (folded, origin) = folded_with_origin(text);
    // Around the longest word: beside 換気, の says nothing of why the place was found.
    let first: Vec<char> =
        words.iter().max_by_key(|w| w.chars().count()).map(|w| w.chars().collect()).unwrap_or_default();
    let at = folded.windows(first.len().max(1)).position(|w| w == first.as_slice()).unwrap_or(0);
    let (start, last) = (origin.get(at).map_or(0, |o| o.0), origin.get(at + first.len().max(1) - 1).map_or(0, |o| o.1));
    let from = start.saturating_sub(15);
    let to = (last + 26).min(chars.len());
    let piece: String = chars[from..to].iter().map(|c| if *c == '\n' { ' ' } else { *c }).collect();
    let lead = usize::from(from > 0);
    let marks = merged(
        occurrences(&folded, &origin, words)
            .into_iter()
            .filter(|(a, b)| *a >= from && *b < to)
            .map(|(a, b)| (a - from + lead, b - from + lead))
            .collect(),
    );
    let text = format!("{}{piece}{}", if from > 0 { "…" } else { "" }, if to < chars.len() { "…" } else { "" });
    (text, marks)
}

/// The words to find. An empty query is refused with a message, not answered with nothing found.
pub fn words(query: &str) -> Result<Vec<String>> {
    // A word typed twice asks nothing more (「の」 two hundred times counted for 47 s). A set, not
    // a look back through the list: a pasted page is thousands of words.
    let mut seen = std::collections::HashSet::new();
    let words: Vec<String> =
        query.split_whitespace().map(fold).filter(|w| !w.is_empty() && seen.insert(w.clone())).collect();
    if words.is_empty() {
        return Err(Error::invalid("search", "探す言葉を入力してください。"));
    }
    Ok(words)
}

fn holds_all(text: &str, words: &[String]) -> bool {
    let text = fold(text);
    words.iter().all(|w| text.contains(w.as_str()))
}

/// The turns holding every word (from `words`), in the record's order; deleted turns are left
/// out, as the archive's search leaves them (one deleted with the search open stayed a hit,
/// counted and stepped onto).
pub fn matching(turns: &[Turn], words: &[String]) -> Vec<i64> {
    found(turns, words).map(|t| t.id).collect()
}

/// The turns of `turns` not deleted that hold every word.
fn found<'a>(turns: &'a [Turn], words: &'a [String]) -> impl Iterator<Item = &'a Turn> + 'a {
    turns.iter().filter(move |t| !t.deleted && holds_all(&t.text, words))
}

/// A turn of a meeting holding every word of a query, with where the words are in its text
/// (`marks`): what the meeting's Ctrl+F, and a result of 会議一覧 opened, show marked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurnFound {
    pub turn_id: i64,
    /// (first character, character count) in the turn's text, in order (see `marks`).
    pub marks: Vec<(usize, usize)>,
}

/// The turns holding every word (from `words`), in the record's order, with their marks.
pub fn found_in(turns: &[Turn], words: &[String]) -> Vec<TurnFound> {
    found(turns, words).map(|t| TurnFound { turn_id: t.id, marks: marks(&t.text, words) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A turn opened from a search marks the words as typed, wherever they occur: full-width
    /// digits, half-width kana (ｶﾞ is one ガ, marked whole), several words, counted in characters.
    #[test]
    fn marks_are_where_the_words_were_typed() {
        let words = |q: &str| super::words(q).unwrap();
        assert_eq!(marks("次回は２月１４日、2月14日に", &words("2月14日")), vec![(3, 5), (9, 5)]);
        assert_eq!(marks("ｶﾞイドの改正", &words("ガイド 改正")), vec![(0, 4), (5, 2)]);
        assert_eq!(marks("𠮷野の換気", &words("換気")), vec![(3, 2)]);
        assert!(marks("換気", &words("採決")).is_empty());
        // Overlapping words are one mark; a word typed twice is one word.
        assert_eq!(marks("次回は２月１４日", &words("2月 月14")), vec![(3, 4)]);
        assert_eq!(words("の の 換気 の"), vec!["の".to_string(), "換気".to_string()]);
        // The excerpt stands around the longest word, both marked where they fall in it.
        let long = format!("{}の{}換気について", "あ".repeat(60), "い".repeat(60));
        let (excerpt, marks) = marked_excerpt(&long, &words("の 換気"));
        assert!(excerpt.contains("換気"), "{excerpt}");
        assert_eq!(marks.len(), 1, "の is too far before 換気 to be in the excerpt: {marks:?}");
    }

    /// The quick way of `fold` may skip NFKC only where NFKC, case and the look-alikes change
    /// nothing: each character it copies, all 1.1 million looked at, folds to itself the slow way.
    #[test]
    fn every_quick_character_folds_to_itself() {
        let mut quick = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| folds_to_itself(*c)) {
            let mut one = [0u8; 4];
            assert_eq!(fold_piece(c.encode_utf8(&mut one)).collect::<Vec<_>>(), vec![c], "{c:?} U+{:04X}", c as u32);
            quick += 1;
        }
        assert!(quick > 20_000, "the ranges are there: {quick}");
        // And a text mixing them with what needs NFKC folds as piece by piece.
        let text = "令和３年　ｺﾛﾅ対策（案）について、カ\u{3099}イドライン〜ABCです。e\u{301}";
        let slow: String = pieces(text).into_iter().flat_map(|(_, p)| fold_piece(p)).collect();
        assert_eq!(fold(text), slow);
        assert_eq!(fold(text), "令和3年コロナ対策(案)について、ガイドライン~abcです。é");
        for c in "令3コロナ(案)ガカイ~abcé。ｺ３（ABe\u{301}\u{3099}".chars() {
            assert_eq!(folded_holds(text, c), fold(text).contains(c), "{c:?}");
        }
    }

    #[test]
    fn a_mark_covers_every_typed_character_of_what_it_found() {
        // Half-width kana with a half-width voiced mark: ﾀﾞ is found as ダ, marked whole.
        assert_eq!(marked_excerpt("ｱｻﾀﾞ　次郎", &["アサダ".to_string()]), ("ｱｻﾀﾞ　次郎".to_string(), vec![(0, 4)]));
        // Composed and decomposed forms alike.
        let decomposed = "か\u{3099}いぎ";
        assert_eq!(marked_excerpt(decomposed, &[fold("がい")]).1, vec![(0, 3)]);
    }

    #[test]
    fn folding_matches_what_a_reader_sees() {
        assert_eq!(fold("２月１４日の　審議会"), "2月14日の審議会");
        assert_eq!(fold("ＬＩＮＥ　WORKS"), "lineworks");
        assert_eq!(fold("前半の説明です。\n後半の説明です。"), "前半の説明です。後半の説明です。");
        assert_eq!(words("  2月14日　オンライン ").unwrap(), ["2月14日", "オンライン"]);
        assert!(words(" 　\n").is_err(), "nothing to find is said, not ignored");
    }

    #[test]
    fn what_a_reader_takes_for_the_same_matches() {
        let same = |typed: &str, query: &str| holds_all(typed, &words(query).unwrap());
        for (typed, query) in [
            ("10時\u{301C}12時", "10時\u{FF5E}12時"),
            ("10時\u{FF5E}12時", "10時~12時"),
            ("10時~12時", "10時\u{301C}12時"),
            ("ｺﾛﾅ対策", "コロナ"),
            ("コロナ対策", "ｺﾛﾅ"),
            ("ｶﾞｲﾄﾞﾗｲﾝ", "ガイドライン"),
            ("カ\u{3099}イドライン", "ガイドライン"),
            ("ガイドライン", "カ\u{3099}イドライン"),
            ("個人\u{200B}情報", "個人情報"),
            ("個人情報", "個\u{200D}人\u{2060}情\u{FEFF}報"),
            ("03\u{2212}1234", "03-1234"),
            ("03\u{FF0D}1234", "03\u{2010}1234"),
            ("葛\u{E0100}飾区", "葛飾区"),
            ("２月１４日", "2月14日"),
            ("ＬＩＮＥ", "line"),
        ] {
            assert!(same(typed, query), "{query:?} should find {typed:?}");
        }
        assert!(!same("コーヒー", "コ-ヒ-"), "the long vowel mark is a kana, not a hyphen");
        assert!(!same("コロナ", "ころな"), "hiragana and katakana stay apart");
    }

    #[test]
    fn excerpts_of_folded_matches_are_as_typed() {
        let e = excerpt("前置き。ｺﾛﾅ対策\u{200B}について", &fold("コロナ対策"));
        assert_eq!(e, "前置き。ｺﾛﾅ対策\u{200B}について");
        let e = excerpt("カ\u{3099}イドライン", &fold("ガイド"));
        assert_eq!(e, "カ\u{3099}イドライン", "a decomposed character is shown whole");
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
