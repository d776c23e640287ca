//! The search index over the whole archive: every turn's words (notes included), every agenda
//! title, and the cover's venue, 配付資料 and the names of those present (`Place`), folded as
//! the matching rules fold them (`search::fold`: full/half width, the wave-dash and hyphen
//! families, composed/decomposed forms, case; whitespace and invisible characters removed), in
//! an FTS5 table.
//!
//! FTS5's own tokenizers cannot find one or two characters of Japanese (換気, 採決), and trigram
//! indexes take about 1.4 times the text. So the folded text is written as its pairs of
//! neighbouring characters, each pair one token (`3063x6c17` for 換気: the code points in hex), the
//! last character paired with nothing (`3002x`). A word of two or more characters is the phrase of
//! its pairs; a word of one character is a prefix query on the pairs it begins (`63dbx*`). Every
//! length works, a match is exactly a substring of the folded text, pairs are selective (one
//! character's list would hold most turns), and the index keeps no copy of the text
//! (`content=''`): about the size of the text.
//!
//! The index stays in step with the record: triggers on the tables note what changed in the same
//! transaction as every write (`index_dirty`, plain SQL, so another tool's writes are noted too),
//! and `sync` folds and indexes what was noted — before every search, at opening, and within a
//! write once `BATCH` changes wait (so a commit during a meeting costs a bare insert and the
//! noting, and the index takes its words in batches, as FTS5 likes them). A search therefore
//! always sees every committed word. `Store::reindex` builds it anew (`shoki reindex`).
//!
//! More than `BUILD` changes waiting is a build (an upgraded store's first index, thousands of
//! meetings another tool wrote): the window's shell runs it a step at a time
//! (`Store::index_step`, a fraction of a second each, with a pause between) with a progress bar,
//! so the window opens at once and a commit waits one step at most; a search until then says how
//! far it has got.
//!
//! Each place's rowid is its order on the result page (`place_key`): the meeting's date, the
//! meeting, then the place in the record, so the newest page of places comes straight from the
//! index in descending rowid order, without reading and sorting every place found.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::error::Result;
use crate::search::fold;

/// What an indexed place is, noted by kind in `index_dirty` and held in `search_place.item` as
/// `id * KINDS + kind`: a turn's words, an agenda title, a meeting's venue (会場, by the meeting's
/// id), a 配付資料's title, the names of the members present (出席者, by the meeting's id) — the
/// record and the cover's fields a secretary looks things up by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Turn = 0,
    Title = 1,
    Venue = 2,
    Material = 3,
    Names = 4,
}

/// The multiplier of `search_place.item` (room for kinds to come; migration 7 moved it from 4).
pub(crate) const KINDS: i64 = 8;

impl Place {
    /// The kind and id of a `search_place.item`.
    pub(crate) fn of_item(item: i64) -> (Place, i64) {
        let kind = match item.rem_euclid(KINDS) {
            0 => Place::Turn,
            1 => Place::Title,
            2 => Place::Venue,
            3 => Place::Material,
            _ => Place::Names,
        };
        (kind, item.div_euclid(KINDS))
    }

    fn item(self, id: i64) -> i64 {
        id * KINDS + self as i64
    }

    /// The word `index_dirty` notes it by (the triggers of migration 6).
    fn from_noted(kind: &str) -> Option<Place> {
        Some(match kind {
            "turn" => Place::Turn,
            "entry" => Place::Title,
            "venue" => Place::Venue,
            "material" => Place::Material,
            "names" => Place::Names,
            _ => return None,
        })
    }

    /// (text, meeting, its date, position, speaker) of a live place of this kind, `?1` its id:
    /// what the index reads, and a result's words and speaker.
    pub(crate) fn sql(self) -> &'static str {
        match self {
            Place::Turn => {
                "SELECT t.text, t.meeting_id, m.held_on, t.position, t.speaker
                 FROM turn t JOIN meeting m ON m.id = t.meeting_id WHERE t.id = ?1 AND t.deleted_at IS NULL"
            }
            Place::Title => {
                "SELECT e.title, e.meeting_id, m.held_on, NULL, NULL
                 FROM agenda_entry e JOIN meeting m ON m.id = e.meeting_id WHERE e.id = ?1"
            }
            Place::Venue => "SELECT venue, id, held_on, NULL, NULL FROM meeting WHERE id = ?1 AND venue <> ''",
            Place::Material => {
                "SELECT x.title, x.meeting_id, m.held_on, NULL, NULL
                 FROM material x JOIN meeting m ON m.id = x.meeting_id WHERE x.id = ?1"
            }
            // As `names_of` wrote them just before.
            Place::Names => {
                "SELECT n.names, m.id, m.held_on, NULL, NULL
                 FROM search_names n JOIN meeting m ON m.id = n.meeting_id WHERE n.meeting_id = ?1"
            }
        }
    }
}

/// Writes the names of the members present at meeting `meeting_id` into `search_names` (what
/// the index and a result's excerpt read): everyone whose 出欠 is not 欠席, in the roster's order,
/// joined by 、 as a cover lists them, from the meeting's own copy of its council once opened
/// (the council as it is now before). A meeting gone, with nobody present, or whose copy cannot
/// be read (damage, said where the meeting is opened) has none. Errors: `Sqlite`.
fn names_of(tx: &Transaction, meeting_id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM search_names WHERE meeting_id = ?1")?.execute([meeting_id])?;
    let Ok(council) = super::snapshot::council_of(tx, meeting_id) else {
        return Ok(());
    };
    let present: std::collections::HashSet<i64> = tx
        .prepare_cached("SELECT member_id FROM attendance WHERE meeting_id = ?1 AND status <> 'absent'")?
        .query_map([meeting_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let names: Vec<&str> =
        council.members.iter().filter(|m| present.contains(&m.id)).map(|m| m.name.as_str()).collect();
    if !names.is_empty() {
        tx.prepare_cached("INSERT INTO search_names (meeting_id, names) VALUES (?1, ?2)")?
            .execute(params![meeting_id, names.join("、")])?;
    }
    Ok(())
}

/// How many noted changes a write leaves for later before it indexes them itself.
pub(super) const BATCH: i64 = 256;

/// More changes waiting than this is a build, run a step at a time (see the module's note).
pub const BUILD: i64 = 4096;

/// The finest difference of two turns' positions the index keeps apart (`place_key`): a split
/// puts its second part halfway to the next turn until the gap is this narrow (store/live.rs,
/// `room_after`).
/// (A finer step costs index size: each place's key is stored as the distance from the one
/// before, and 1/1024 made the index 1.56× the text instead of 1.27×.)
pub(crate) const POSITION_STEP: f64 = 1.0 / 16.0;

const WITHIN_BITS: u32 = 26;
const MEETING_BITS: u32 = 20;
const DAY_BITS: u32 = 17;

/// A place's rowid in the index, ordered as results are shown, newest first when read in
/// descending order: the meeting's date (days since 1900-01-01, 17 bits: to the year 2258),
/// the meeting's id (20 bits: a million meetings), then the place within the meeting (26 bits):
/// its agenda titles first (by id), then its turns in the record's order (positions in steps of
/// `POSITION_STEP`, below 2^25 of them: two million turns). `held_on` is YYYY-MM-DD (an
/// unreadable date sorts as the oldest); `position` is the turn's, `None` for an agenda title
/// `entry_id`.
pub(crate) fn place_key(held_on: &str, meeting_id: i64, position: Option<f64>, entry_id: i64) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a date");
    let days = NaiveDate::parse_from_str(held_on, "%Y-%m-%d").map(|d| (d - epoch).num_days()).unwrap_or(0);
    let days = days.clamp(0, (1 << DAY_BITS) - 1);
    let meeting = meeting_id & ((1 << MEETING_BITS) - 1);
    let half = 1i64 << (WITHIN_BITS - 1);
    let within = match position {
        // Read in descending order, a smaller key comes later: the record's order reversed.
        Some(p) => half - 1 - ((p / POSITION_STEP).round() as i64).clamp(0, half - 1),
        None => half + (entry_id & (half - 1)),
    };
    (days << (MEETING_BITS + WITHIN_BITS)) | (meeting << WITHIN_BITS) | within
}

/// The tokens of neighbouring pairs in a folded text: `{a:x}x{b:x}` for each pair, and
/// `{last:x}x` for the last character, space separated.
pub(crate) fn tokens(folded: &str) -> String {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len() * 4);
    for (i, c) in chars.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match chars.get(i + 1) {
            Some(next) => out.push_str(&format!("{:x}x{:x}", *c as u32, *next as u32)),
            None => out.push_str(&format!("{:x}x", *c as u32)),
        }
    }
    out
}

/// An FTS5 query for texts holding every word (already folded, not empty): a word of two or
/// more characters is the phrase of its pairs; one character, the pairs it begins.
pub(crate) fn query(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let chars: Vec<char> = w.chars().collect();
            if chars.len() == 1 {
                format!("\"{:x}x\" *", chars[0] as u32)
            } else {
                let pairs: Vec<String> =
                    chars.windows(2).map(|p| format!("{:x}x{:x}", p[0] as u32, p[1] as u32)).collect();
                format!("\"{}\"", pairs.join(" "))
            }
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// Indexes everything the triggers noted as changed since the last sync (see `sync_some`).
pub(super) fn sync(tx: &Transaction) -> Result<()> {
    sync_some(tx, i64::MAX, None).map(|_| ())
}

/// Indexes at most `max` of the changes the triggers noted: a turn's words (none while it is
/// deleted), an agenda entry's title, each under its `place_key`. Runs inside the caller's
/// transaction. Answers how many changes still wait.
pub(super) fn sync_some(tx: &Transaction, max: i64, until: Option<std::time::Instant>) -> Result<i64> {
    let dirty: Vec<(String, i64)> = tx
        .prepare_cached("SELECT kind, id FROM index_dirty LIMIT ?1")?
        .query_map([max], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (done, (kind, id)) in dirty.into_iter().enumerate() {
        // Within the time given, and always one: a build goes on however slow the machine.
        if done > 0 && until.is_some_and(|t| std::time::Instant::now() >= t) {
            break;
        }
        // (text, meeting, its date, position, speaker) of a live turn or a title; nothing when gone.
        type Found = ((String, bool), i64, String, Option<f64>, Option<String>);
        let place = |r: &rusqlite::Row| -> rusqlite::Result<Found> {
            Ok((super::text_column(r, 0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        };
        let Some(what) = Place::from_noted(&kind) else {
            tx.prepare_cached("DELETE FROM index_dirty WHERE kind = ?1 AND id = ?2")?.execute(params![kind, id])?;
            continue;
        };
        let item = what.item(id);
        if what == Place::Names {
            names_of(tx, id)?;
        }
        let found = tx.prepare_cached(what.sql())?.query_row([id], place).optional()?;
        // What is indexed has its place: only a place found is taken out of the index (a new
        // turn, the common case, costs no search of the index).
        let old: Option<i64> = tx
            .prepare_cached("DELETE FROM search_place WHERE item = ?1 RETURNING row")?
            .query_row([item], |r| r.get(0))
            .optional()?;
        if let Some(row) = old {
            tx.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?.execute([row])?;
        }
        if let Some(((text, _), meeting_id, held_on, position, speaker)) = found {
            let mut row = place_key(&held_on, meeting_id, position, id);
            // Two places of one key (a position shared after another tool's write, or ids a
            // million meetings apart) must both be found: the later one takes the next key down.
            while tx.prepare_cached("SELECT 1 FROM search_place WHERE row = ?1")?.exists([row])? {
                row -= 1;
            }
            tx.prepare_cached("INSERT INTO search_index (rowid, chars) VALUES (?1, ?2)")?
                .execute(params![row, tokens(&fold(&text))])?;
            tx.prepare_cached("INSERT INTO search_place (row, item, meeting_id, speaker) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![row, item, meeting_id, speaker])?;
        }
        tx.prepare_cached("DELETE FROM index_dirty WHERE kind = ?1 AND id = ?2")?.execute(params![kind, id])?;
    }
    waiting(tx)
}

/// How many noted changes wait to be indexed.
pub(super) fn waiting(conn: &rusqlite::Connection) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT count(*) FROM index_dirty")?.query_row([], |r| r.get(0))?)
}

/// What a write runs before it commits: once `BATCH` changes wait, they are indexed; during a
/// build none are (the build's steps do it), so a commit costs what it always does.
pub(super) fn sync_if_due(tx: &Transaction) -> Result<()> {
    let waiting = waiting(tx)?;
    if (BATCH..=BUILD).contains(&waiting) {
        sync(tx)?;
    }
    Ok(())
}

/// How many places `Store::reindex` indexes between two reports of its progress.
const REINDEX_CHUNK: i64 = 10_000;

/// Notes every turn and agenda entry as changed, so the next `sync` indexes the whole store.
pub(super) fn mark_all(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "INSERT INTO search_index (search_index) VALUES ('delete-all');
         DELETE FROM search_place;
         INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'turn', id FROM turn;
         INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'entry', id FROM agenda_entry;
         INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'venue', id FROM meeting;
         INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'material', id FROM material;
         INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'names', id FROM meeting;",
    )?;
    Ok(())
}

impl super::Store {
    /// Builds the search index anew from the record (`shoki reindex`): for a store whose index
    /// was lost or written past the store. One transaction: until it commits, searches see the
    /// index as it was. `progress(done, total)` is told after every `REINDEX_CHUNK` places (turns,
    /// titles, cover fields), and once at the end with `done == total` (a 1,000-meeting archive:
    /// about 242,000 places, half a minute). Answers how many places were indexed. Errors:
    /// `Sqlite` when the store cannot be written (nothing changed then).
    pub fn reindex(&mut self, mut progress: impl FnMut(i64, i64)) -> Result<i64> {
        self.write(|tx| {
            mark_all(tx)?;
            let total = waiting(tx)?;
            loop {
                let left = sync_some(tx, REINDEX_CHUNK, None)?;
                progress(total - left, total);
                if left == 0 {
                    return Ok(total);
                }
            }
        })
    }

    /// Indexes every change still waiting (see the module's note): what a search runs first, so
    /// it sees every committed word. Errors: `Invalid` (`search`) while a build is under way,
    /// saying how much is left; `Sqlite` when the store cannot be written.
    pub(crate) fn index_now(&mut self) -> Result<()> {
        let left = waiting(&self.conn)?;
        if left > BUILD {
            return Err(crate::error::Error::invalid(
                "search",
                format!(
                    "検索の準備（索引づくり）をしています。残り{left}件です。終わってから、もう一度探してください。"
                ),
            ));
        }
        self.write(sync)
    }

    /// How many changes wait to be indexed; more than `BUILD` is a build for `index_step`
    /// (an upgrade's, or thousands of turns imported at once).
    pub fn index_backlog(&self) -> Result<i64> {
        waiting(&self.conn)
    }

    /// One step of a build: indexes waiting changes in one transaction for at most `budget`
    /// (about 0.2 ms each on the project's VM; a slower machine does fewer, never holding the
    /// store longer) and answers how many still wait. Errors: `Sqlite`.
    pub fn index_step(&mut self, budget: std::time::Duration) -> Result<i64> {
        let until = std::time::Instant::now() + budget;
        // Its own transaction, not `write`'s: a write indexes every change waiting once fewer
        // than `BUILD` are left, which would make the last step of a build one long one.
        let tx = self.conn.transaction()?;
        let left = sync_some(&tx, 5000, Some(until))?;
        tx.commit()?;
        Ok(left)
    }
}
