//! Reads the real 会議録 in ../shared/reference into the steps a secretary takes to record it:
//! agenda moves, turns with their paragraphs, and stage notes. Parsed at test time, never copied
//! into the repository. The text was extracted from a PDF, so <p> tags leaked in and page breaks
//! cut sentences; both are undone here.

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Move on to the next agenda entry that holds turns (F8).
    NextEntry,
    Turn {
        speaker: &'static str,
        paragraphs: Vec<String>,
    },
    /// A turn that is only a stage note; `timed` for （資料により説明）.
    Note {
        speaker: &'static str,
        text: String,
        timed: bool,
    },
}

pub fn reference_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/000_e343fbe8cffbc694.txt")
}

/// The reference minutes' lines, as `Store::generate_archive` takes its material.
pub fn lines() -> Vec<String> {
    std::fs::read_to_string(reference_path())
        .expect("../shared/reference is beside the clone")
        .lines()
        .map(String::from)
        .collect()
}

fn speaker_of(label: &str) -> Option<&'static str> {
    match label {
        "会長" => Some("chair"),
        "委員" => Some("member"),
        "区側" => Some("official"),
        _ => None,
    }
}

/// The paragraphs of one line: <p>…</p> elements, or the whole line.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    if !rest.contains("<p") {
        return vec![rest.trim().to_string()];
    }
    while let Some(open) = rest.find("<p") {
        let after = &rest[open..];
        let start = after.find('>').map(|i| i + 1).unwrap_or(after.len());
        let body = &after[start..];
        let end = body.find("</p>").unwrap_or(body.len());
        out.push(body[..end].trim().to_string());
        rest = &body[(end + 4).min(body.len())..];
    }
    out.retain(|p| !p.is_empty());
    out
}

/// A section heading (2 諮問事項) or an item heading ((1) 外部機関…), markdown marks removed.
enum Heading {
    Section,
    Item,
}

fn heading(line: &str) -> Option<Heading> {
    let line = line.trim_start_matches('#').trim();
    let mut chars = line.chars();
    match chars.next()? {
        '(' | '（' if chars.next()?.is_ascii_digit() => Some(Heading::Item),
        c if c.is_ascii_digit() => {
            let rest: String = line.chars().skip_while(|c| c.is_ascii_digit()).collect();
            (rest.starts_with(' ') && rest.trim().chars().count() <= 10).then_some(Heading::Section)
        }
        _ => None,
    }
}

fn is_note(p: &str) -> Option<bool> {
    let p = p.trim();
    let parenthesised = (p.starts_with('(') || p.starts_with('（')) && (p.ends_with(')') || p.ends_with('）'));
    parenthesised.then(|| p.contains("資料により説明"))
}

pub fn steps() -> Vec<Step> {
    let text = std::fs::read_to_string(reference_path()).expect("../shared/reference is beside the clone");
    let body = &text[text.find("審議会発言記録").expect("the 別紙 title")..];
    let mut steps: Vec<Step> = Vec::new();
    // The first section has no items, and it is current from the opening.
    let mut sections_seen = 0;
    let mut section_has_items = false;
    let mut pending_section = false;
    for raw in body.lines().skip(1) {
        let line = raw.trim_end();
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.replace(' ', "") == "以上" {
            continue;
        }
        let (label, rest) = match trimmed.split_once(['\t', ' ', '　']) {
            Some((l, r)) if speaker_of(l).is_some() => (Some(l), r.trim()),
            _ => (None, trimmed),
        };
        if label.is_none() {
            if let Some(h) = heading(trimmed) {
                match h {
                    Heading::Section => {
                        // A section without items holds turns itself; one with items waits for them.
                        if pending_section && !section_has_items {
                            steps.push(Step::NextEntry);
                        }
                        sections_seen += 1;
                        section_has_items = false;
                        pending_section = sections_seen > 1;
                    }
                    Heading::Item => {
                        section_has_items = true;
                        pending_section = false;
                        steps.push(Step::NextEntry);
                    }
                }
                continue;
            }
        }
        if pending_section && label.is_some() {
            steps.push(Step::NextEntry);
            pending_section = false;
        }
        let paras = paragraphs(rest);
        match label.and_then(speaker_of) {
            Some(speaker) => {
                let notes: Vec<Option<bool>> = paras.iter().map(|p| is_note(p)).collect();
                if paras.len() == 1 && notes[0].is_some() || paras.iter().all(|p| is_note(p).is_some()) {
                    let timed = notes.contains(&Some(true));
                    let text = if timed {
                        "（資料により説明）".to_string()
                    } else {
                        to_full_width_parens(&paras.join(""))
                    };
                    steps.push(Step::Note { speaker, text, timed });
                } else {
                    steps.push(Step::Turn { speaker, paragraphs: paras });
                }
            }
            None => {
                // A continuation: a new paragraph, or the rest of a sentence a page break cut.
                if let Some(Step::Turn { paragraphs: ps, .. }) = steps.last_mut() {
                    for p in paras {
                        match ps.last_mut() {
                            Some(last) if !last.ends_with(['。', '）', ')', '？', '?', '」']) => last.push_str(&p),
                            _ => ps.push(p),
                        }
                    }
                }
            }
        }
    }
    for step in &mut steps {
        if let Step::Turn { paragraphs, .. } = step {
            for p in paragraphs.iter_mut() {
                *p = p.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
    }
    steps
}

fn to_full_width_parens(s: &str) -> String {
    let s = s.trim();
    let inner = s.trim_start_matches(['(', '（']).trim_end_matches([')', '）']);
    format!("（{inner}）")
}
