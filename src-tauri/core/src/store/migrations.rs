//! Schema migrations: an ordered list, each applied atomically with the version it brings in
//! `PRAGMA user_version`. Never modify a shipped migration; add a new one at the end.

use rusqlite::Connection;

use crate::error::{Error, Result};

pub const MIGRATIONS: &[&str] = &[
    // 1: the council, its roster and officials, and meetings prepared for their cover table.
    r#"
    CREATE TABLE council (
        id                  INTEGER PRIMARY KEY,
        name                TEXT    NOT NULL,
        membership          INTEGER NOT NULL CHECK (membership > 0),
        quorum_rule         TEXT    NOT NULL DEFAULT 'majority',
        quorum_fixed        INTEGER,
        chair_votes         TEXT    NOT NULL DEFAULT 'never',
        label_style         TEXT    NOT NULL DEFAULT 'role',
        official_label      TEXT    NOT NULL DEFAULT '区側',
        ventilation_minutes INTEGER NOT NULL DEFAULT 60,
        fy2019_style        TEXT    NOT NULL DEFAULT 'heisei'
    );
    CREATE TABLE member (
        id         INTEGER PRIMARY KEY,
        council_id INTEGER NOT NULL REFERENCES council(id) ON DELETE CASCADE,
        name       TEXT    NOT NULL,
        role       TEXT    NOT NULL DEFAULT 'member',
        position   INTEGER NOT NULL
    );
    CREATE TABLE official (
        id         INTEGER PRIMARY KEY,
        council_id INTEGER NOT NULL REFERENCES council(id) ON DELETE CASCADE,
        title      TEXT    NOT NULL,
        position   INTEGER NOT NULL
    );
    CREATE TABLE meeting (
        id            INTEGER PRIMARY KEY,
        council_id    INTEGER NOT NULL REFERENCES council(id) ON DELETE CASCADE,
        fiscal_year   INTEGER NOT NULL,
        ordinal       INTEGER NOT NULL,
        held_on       TEXT    NOT NULL,
        planned_start TEXT    NOT NULL,
        planned_end   TEXT    NOT NULL,
        venue         TEXT    NOT NULL DEFAULT '',
        observers     INTEGER NOT NULL DEFAULT 0,
        status        TEXT    NOT NULL DEFAULT 'preparing',
        UNIQUE (council_id, fiscal_year, ordinal)
    );
    CREATE TABLE material (
        id         INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        title      TEXT    NOT NULL,
        timing     TEXT    NOT NULL DEFAULT 'advance',
        position   INTEGER NOT NULL
    );
    -- Two levels, as in the reference: sections (parent_id NULL) and their items.
    CREATE TABLE agenda_entry (
        id         INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        parent_id  INTEGER REFERENCES agenda_entry(id) ON DELETE CASCADE,
        title      TEXT    NOT NULL,
        position   INTEGER NOT NULL
    );
    CREATE TABLE attendance (
        meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        member_id  INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        status     TEXT    NOT NULL DEFAULT 'present',
        arrived_at TEXT,
        left_at    TEXT,
        PRIMARY KEY (meeting_id, member_id)
    );
    CREATE TABLE meeting_official (
        meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        official_id INTEGER NOT NULL REFERENCES official(id) ON DELETE CASCADE,
        PRIMARY KEY (meeting_id, official_id)
    );
    CREATE INDEX member_by_council ON member(council_id, position);
    CREATE INDEX official_by_council ON official(council_id, position);
    CREATE INDEX agenda_by_meeting ON agenda_entry(meeting_id, parent_id, position);
    CREATE INDEX material_by_meeting ON material(meeting_id, position);
    "#,
    // 2: the live meeting — opening and closing, the current agenda entry, turns and stage notes
    // with every earlier version kept, the unfinished draft, and ventilation reminders.
    r#"
    ALTER TABLE meeting ADD COLUMN opened_at TEXT;
    ALTER TABLE meeting ADD COLUMN closed_at TEXT;
    ALTER TABLE meeting ADD COLUMN current_entry_id INTEGER REFERENCES agenda_entry(id) ON DELETE SET NULL;
    ALTER TABLE agenda_entry ADD COLUMN started_at TEXT;
    ALTER TABLE agenda_entry ADD COLUMN finished_at TEXT;
    -- One speaker's words, or a stage note (ト書き). `position` orders the record; REAL so that a
    -- split can slot a turn between two others without renumbering.
    CREATE TABLE turn (
        id              INTEGER PRIMARY KEY,
        meeting_id      INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        agenda_entry_id INTEGER REFERENCES agenda_entry(id) ON DELETE SET NULL,
        position        REAL    NOT NULL,
        kind            TEXT    NOT NULL,
        speaker         TEXT    NOT NULL,
        text            TEXT    NOT NULL,
        started_at      TEXT    NOT NULL,
        ended_at        TEXT,
        timed           INTEGER NOT NULL DEFAULT 0,
        deleted_at      TEXT
    );
    CREATE INDEX turn_by_meeting ON turn(meeting_id, position);
    -- The timed notes still running: looked up on every commit, so kept out of a full scan.
    CREATE INDEX turn_running ON turn(meeting_id) WHERE timed = 1 AND ended_at IS NULL;
    -- Edits never overwrite silently: the state before each change is kept here.
    CREATE TABLE turn_version (
        id              INTEGER PRIMARY KEY,
        turn_id         INTEGER NOT NULL REFERENCES turn(id) ON DELETE CASCADE,
        agenda_entry_id INTEGER,
        speaker         TEXT    NOT NULL,
        text            TEXT    NOT NULL,
        deleted_at      TEXT,
        replaced_at     TEXT    NOT NULL,
        action          TEXT    NOT NULL
    );
    CREATE INDEX turn_version_by_turn ON turn_version(turn_id);
    CREATE TABLE draft (
        meeting_id INTEGER PRIMARY KEY REFERENCES meeting(id) ON DELETE CASCADE,
        speaker    TEXT NOT NULL,
        text       TEXT NOT NULL,
        started_at TEXT NOT NULL,
        saved_at   TEXT NOT NULL
    );
    -- Stock phrases (kind 'phrase', inserted by a short key) and stage notes (kind 'note') a
    -- council's secretary uses again and again; seeded from the reference on first use.
    CREATE TABLE phrase (
        id         INTEGER PRIMARY KEY,
        council_id INTEGER NOT NULL REFERENCES council(id) ON DELETE CASCADE,
        kind       TEXT    NOT NULL,
        key        TEXT    NOT NULL,
        text       TEXT    NOT NULL,
        timed      INTEGER NOT NULL DEFAULT 0,
        position   INTEGER NOT NULL
    );
    CREATE TABLE reminder (
        id              INTEGER PRIMARY KEY,
        meeting_id      INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        due_at          TEXT    NOT NULL,
        fired_at        TEXT    NOT NULL,
        acknowledged_at TEXT
    );
    "#,
    // 3: votes (採決) and the rules they are decided under; the rules are copied into the meeting
    // at its opening, so a meeting keeps the rules it was held under.
    r#"
    ALTER TABLE council ADD COLUMN majority_basis TEXT NOT NULL DEFAULT 'present_and_voting';
    ALTER TABLE council ADD COLUMN online_counts INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE council ADD COLUMN result_words TEXT NOT NULL DEFAULT 'approve';
    -- Cover rows some councils add: 欠席者, and 公開・非公開 (empty: the row is left out).
    ALTER TABLE council ADD COLUMN cover_absent INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE council ADD COLUMN disclosure TEXT NOT NULL DEFAULT '';
    ALTER TABLE meeting ADD COLUMN rules TEXT;
    -- Which member or official spoke, when the secretary says so (the label stays the role).
    ALTER TABLE turn ADD COLUMN member_id INTEGER REFERENCES member(id) ON DELETE SET NULL;
    ALTER TABLE turn ADD COLUMN official_id INTEGER REFERENCES official(id) ON DELETE SET NULL;
    CREATE TABLE vote (
        id              INTEGER PRIMARY KEY,
        meeting_id      INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        agenda_entry_id INTEGER REFERENCES agenda_entry(id) ON DELETE SET NULL,
        present         INTEGER NOT NULL,
        eligible        INTEGER NOT NULL,
        for_count       INTEGER NOT NULL,
        against_count   INTEGER NOT NULL,
        abstain_count   INTEGER NOT NULL,
        chair_cast      TEXT,
        result          TEXT    NOT NULL,
        result_text     TEXT    NOT NULL,
        override_reason TEXT,
        void_reason     TEXT,
        rules           TEXT    NOT NULL,
        recorded_at     TEXT    NOT NULL,
        deleted_at      TEXT
    );
    CREATE INDEX vote_by_meeting ON vote(meeting_id, id);
    -- 閉会 → 案 (draft sent out) → 確定 (final, locked); reopening a final meeting needs a reason.
    ALTER TABLE meeting ADD COLUMN draft_at TEXT;
    ALTER TABLE meeting ADD COLUMN finalized_at TEXT;
    CREATE TABLE status_change (
        id          INTEGER PRIMARY KEY,
        meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        from_status TEXT    NOT NULL,
        to_status   TEXT    NOT NULL,
        reason      TEXT,
        changed_at  TEXT    NOT NULL
    );
    -- A final meeting is locked in the store itself, whatever the caller: only reopening (a
    -- status change away from final) may touch it.
    CREATE TRIGGER final_meeting_locked BEFORE UPDATE ON meeting
        WHEN OLD.status = 'final' AND NEW.status = 'final'
        BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
    CREATE TRIGGER final_turn_insert BEFORE INSERT ON turn
        WHEN (SELECT status FROM meeting WHERE id = NEW.meeting_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
    CREATE TRIGGER final_turn_update BEFORE UPDATE ON turn
        WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
    CREATE TRIGGER final_vote_insert BEFORE INSERT ON vote
        WHEN (SELECT status FROM meeting WHERE id = NEW.meeting_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
    CREATE TRIGGER final_vote_update BEFORE UPDATE ON vote
        WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
    CREATE TRIGGER final_agenda_update BEFORE UPDATE ON agenda_entry
        WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
    CREATE TRIGGER final_agenda_delete BEFORE DELETE ON agenda_entry
        WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
    CREATE TRIGGER final_agenda_insert BEFORE INSERT ON agenda_entry
        WHEN (SELECT status FROM meeting WHERE id = NEW.meeting_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
    CREATE TRIGGER final_attendance_update BEFORE UPDATE ON attendance
        WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
    CREATE TRIGGER final_material_change BEFORE UPDATE ON material
        WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
    CREATE TABLE vote_version (
        id          INTEGER PRIMARY KEY,
        vote_id     INTEGER NOT NULL REFERENCES vote(id) ON DELETE CASCADE,
        snapshot    TEXT    NOT NULL,
        replaced_at TEXT    NOT NULL,
        action      TEXT    NOT NULL
    );
    "#,
    // 4: a meeting owns its facts from 開会 (the council as it was that day, the agenda's numbers),
    // words belong to the item they began in, attendance times are corrected with a reason, and
    // a final meeting refuses every write to what its minutes print. The snapshots of meetings
    // already opened are taken from their own data by `after_migration`, which also replaces the
    // triggers of migration 3 with a lock on every table the document reads.
    r#"
    -- The council, roster and officials as they were at 開会 (JSON of model::Council); NULL while
    -- the meeting is being prepared, when it follows the council.
    ALTER TABLE meeting ADD COLUMN council_snapshot TEXT;
    -- The council's stock phrases at 開会 ([kind, key, text, timed] …), for the meeting's JSON file.
    ALTER TABLE meeting ADD COLUMN phrases_snapshot TEXT;
    -- Reopening a final meeting is one UPDATE carrying its reason and time; the store itself then
    -- records it in status_change (a trigger), so no row can be added to a final meeting's history.
    ALTER TABLE meeting ADD COLUMN reopen_reason TEXT;
    ALTER TABLE meeting ADD COLUMN reopened_at TEXT;
    -- The item that was current when the draft's first character was typed.
    ALTER TABLE draft ADD COLUMN agenda_entry_id INTEGER;
    -- Who asked for a correction sent back on the draft (an attendee), when the secretary says.
    ALTER TABLE turn_version ADD COLUMN requested_by TEXT;
    -- The planned number, frozen at 開会; items added during the meeting (追加) carry when.
    ALTER TABLE agenda_entry ADD COLUMN number INTEGER;
    ALTER TABLE agenda_entry ADD COLUMN added_at TEXT;
    -- How many intervals a reminder stands for: one fired late answers all the missed ones.
    ALTER TABLE reminder ADD COLUMN missed INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE agenda_version (
        id          INTEGER PRIMARY KEY,
        entry_id    INTEGER NOT NULL REFERENCES agenda_entry(id) ON DELETE CASCADE,
        meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        title       TEXT    NOT NULL,
        replaced_at TEXT    NOT NULL,
        action      TEXT    NOT NULL
    );
    CREATE TABLE attendance_version (
        id          INTEGER PRIMARY KEY,
        meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        member_id   INTEGER NOT NULL,
        status      TEXT    NOT NULL,
        arrived_at  TEXT,
        left_at     TEXT,
        replaced_at TEXT    NOT NULL,
        action      TEXT    NOT NULL,
        reason      TEXT
    );
    -- What is typed in any field that saves when left, kept as typed (not part of the record).
    CREATE TABLE field_draft (
        key      TEXT PRIMARY KEY,
        value    TEXT NOT NULL,
        saved_at TEXT NOT NULL
    );
    -- A cover field of an opened meeting before a correction (会場, 傍聴者, 開催日 …), as text.
    CREATE TABLE meeting_version (
        id          INTEGER PRIMARY KEY,
        meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        field       TEXT    NOT NULL,
        before      TEXT    NOT NULL,
        replaced_at TEXT    NOT NULL
    );
    CREATE TABLE snapshot_version (
        id          INTEGER PRIMARY KEY,
        meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        snapshot    TEXT    NOT NULL,
        replaced_at TEXT    NOT NULL,
        action      TEXT    NOT NULL,
        reason      TEXT
    );
    -- The secretariat's report of a count says the abstentions too (7–2–1), where the shipped
    -- phrase was kept as shipped.
    UPDATE phrase SET text = '賛成が{賛成}、反対が{反対}{棄権}でございます。'
        WHERE kind = 'phrase' AND key = 'vk' AND text = '賛成が{賛成}、反対が{反対}でございます。';
    -- The chair's ventilation announcement says the council's own interval.
    UPDATE phrase SET text = '{経過}経過しましたので適宜窓を開けて換気をしていただければと思います。'
        WHERE kind = 'phrase' AND key = 'kk' AND text = '1時間経過しましたので適宜窓を開けて換気をしていただければと思います。';
    DROP TRIGGER final_meeting_locked;
    DROP TRIGGER final_turn_insert;
    DROP TRIGGER final_turn_update;
    DROP TRIGGER final_vote_insert;
    DROP TRIGGER final_vote_update;
    DROP TRIGGER final_agenda_update;
    DROP TRIGGER final_agenda_delete;
    DROP TRIGGER final_agenda_insert;
    DROP TRIGGER final_attendance_update;
    DROP TRIGGER final_material_change;
    "#,
    // 5: each council's approved format (書式, `format::FormatProfile`) as JSON; empty is the
    // reference council's format, which every council had until now. Recesses (休憩 … 再開) as
    // events of the meeting, locked with the rest of a final meeting by `after_migration`.
    r#"
    ALTER TABLE council ADD COLUMN format TEXT NOT NULL DEFAULT '';
    CREATE TABLE recess (
        id          INTEGER PRIMARY KEY,
        meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        started_at  TEXT    NOT NULL,
        ended_at    TEXT
    );
    CREATE INDEX recess_meeting ON recess(meeting_id);
    ALTER TABLE vote ADD COLUMN method TEXT NOT NULL DEFAULT 'hands';
    ALTER TABLE meeting ADD COLUMN signers TEXT NOT NULL DEFAULT '';
    -- The agenda entries held in closed session (非公開), left out of the public version.
    ALTER TABLE meeting ADD COLUMN closed_entries TEXT NOT NULL DEFAULT '';
    -- The group an official is listed under on the cover (理事者側, 議会事務局); empty for one list.
    ALTER TABLE official ADD COLUMN grp TEXT NOT NULL DEFAULT '';
    -- A 臨時 (extraordinary) meeting, named so where the format's name says {臨時}.
    ALTER TABLE meeting ADD COLUMN extraordinary INTEGER NOT NULL DEFAULT 0;
    -- The search index (store/index.rs): folded characters as tokens, no copy of the text; what
    -- changed is noted by triggers and indexed before each write commits. Existing records are
    -- noted here and indexed at the end of this migration.
    CREATE VIRTUAL TABLE search_index USING fts5(
        chars, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0', detail = full
    );
    CREATE TABLE index_dirty (kind TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID;
    -- Where each indexed place sits, narrow, so a search sorts thousands of hits without reading
    -- the turns' rows: its meeting, its position in the record (-1 for a title), its speaker.
    CREATE TABLE search_place (
        row         INTEGER PRIMARY KEY,
        meeting_id  INTEGER NOT NULL,
        position    REAL    NOT NULL,
        speaker     TEXT
    );
    CREATE TRIGGER index_turn_insert AFTER INSERT ON turn
        BEGIN INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('turn', NEW.id); END;
    CREATE TRIGGER index_turn_update AFTER UPDATE OF text, deleted_at, position, speaker, meeting_id ON turn
        BEGIN INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('turn', NEW.id); END;
    CREATE TRIGGER index_turn_delete AFTER DELETE ON turn
        BEGIN INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('turn', OLD.id); END;
    CREATE TRIGGER index_entry_insert AFTER INSERT ON agenda_entry
        BEGIN INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('entry', NEW.id); END;
    CREATE TRIGGER index_entry_update AFTER UPDATE OF title ON agenda_entry
        BEGIN INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('entry', NEW.id); END;
    CREATE TRIGGER index_entry_delete AFTER DELETE ON agenda_entry
        BEGIN INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('entry', OLD.id); END;
    INSERT INTO index_dirty (kind, id) SELECT 'turn', id FROM turn;
    INSERT INTO index_dirty (kind, id) SELECT 'entry', id FROM agenda_entry;
    "#,
    // 6: the group a member is listed under on the cover (学識経験者, 区民委員); empty for one list.
    // The search index keyed in the order results are shown (store/index.rs, `place_key`), so the
    // newest page comes from the index without sorting every place found: built anew at the end
    // of this migration; a meeting whose date changes has its places keyed again.
    r#"
    ALTER TABLE member ADD COLUMN grp TEXT NOT NULL DEFAULT '';
    DROP TABLE search_place;
    CREATE TABLE search_place (
        row         INTEGER PRIMARY KEY,
        item        INTEGER NOT NULL UNIQUE,
        meeting_id  INTEGER NOT NULL,
        speaker     TEXT
    );
    INSERT INTO search_index (search_index) VALUES ('delete-all');
    INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'turn', id FROM turn;
    INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'entry', id FROM agenda_entry;
    CREATE TRIGGER index_meeting_date AFTER UPDATE OF held_on ON meeting BEGIN
        INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'turn', id FROM turn WHERE meeting_id = NEW.id;
        INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'entry', id FROM agenda_entry WHERE meeting_id = NEW.id;
        INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'material', id FROM material WHERE meeting_id = NEW.id;
        INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('venue', NEW.id);
    END;
    -- The cover's fields a secretary looks things up by: the venue and the 配付資料.
    CREATE TRIGGER index_venue_insert AFTER INSERT ON meeting
        BEGIN INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('venue', NEW.id); END;
    CREATE TRIGGER index_venue_update AFTER UPDATE OF venue ON meeting
        BEGIN INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('venue', NEW.id); END;
    CREATE TRIGGER index_venue_delete AFTER DELETE ON meeting
        BEGIN INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('venue', OLD.id); END;
    CREATE TRIGGER index_material_insert AFTER INSERT ON material
        BEGIN INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('material', NEW.id); END;
    CREATE TRIGGER index_material_update AFTER UPDATE OF title, meeting_id ON material
        BEGIN INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('material', NEW.id); END;
    CREATE TRIGGER index_material_delete AFTER DELETE ON material
        BEGIN INSERT OR IGNORE INTO index_dirty (kind, id) VALUES ('material', OLD.id); END;
    INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'venue', id FROM meeting;
    INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'material', id FROM material;
    "#,
    // 7: the names of the members present in the search index (a cover field, store/index.rs):
    // a fifth kind of place, so a place's item is now id * 8 + kind (moved through negative
    // values: each row stays unique on the way); the names as indexed, for the excerpt.
    // A turn's place is keyed by its position in 1/16 steps (a split takes the middle of the
    // gap instead of moving every later turn): every turn keyed anew, in the background for a
    // large store. The triggers note a change whatever the writing statement says on conflict:
    // an INSERT OR IGNORE in a trigger takes the conflict rule of an upsert that fires it (ABORT),
    // so a second 出欠 change while a note waited failed; a note is written only where none is.
    r#"
    UPDATE search_place SET item = -((item / 4) * 8 + item % 4) - 1;
    UPDATE search_place SET item = -item - 1;
    CREATE TABLE search_names (meeting_id INTEGER PRIMARY KEY, names TEXT NOT NULL);
    DROP TRIGGER index_turn_insert;
    DROP TRIGGER index_turn_update;
    DROP TRIGGER index_turn_delete;
    DROP TRIGGER index_entry_insert;
    DROP TRIGGER index_entry_update;
    DROP TRIGGER index_entry_delete;
    DROP TRIGGER index_meeting_date;
    DROP TRIGGER index_venue_insert;
    DROP TRIGGER index_venue_update;
    DROP TRIGGER index_venue_delete;
    DROP TRIGGER index_material_insert;
    DROP TRIGGER index_material_update;
    DROP TRIGGER index_material_delete;
    CREATE TRIGGER index_turn_insert AFTER INSERT ON turn BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'turn', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'turn' AND id = NEW.id);
    END;
    CREATE TRIGGER index_turn_update AFTER UPDATE OF text, deleted_at, position, speaker, meeting_id ON turn BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'turn', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'turn' AND id = NEW.id);
    END;
    CREATE TRIGGER index_turn_delete AFTER DELETE ON turn BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'turn', OLD.id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'turn' AND id = OLD.id);
    END;
    CREATE TRIGGER index_entry_insert AFTER INSERT ON agenda_entry BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'entry', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'entry' AND id = NEW.id);
    END;
    CREATE TRIGGER index_entry_update AFTER UPDATE OF title ON agenda_entry BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'entry', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'entry' AND id = NEW.id);
    END;
    CREATE TRIGGER index_entry_delete AFTER DELETE ON agenda_entry BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'entry', OLD.id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'entry' AND id = OLD.id);
    END;
    CREATE TRIGGER index_meeting_date AFTER UPDATE OF held_on ON meeting BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'turn', t.id FROM turn t WHERE t.meeting_id = NEW.id
            AND NOT EXISTS (SELECT 1 FROM index_dirty d WHERE d.kind = 'turn' AND d.id = t.id);
        INSERT INTO index_dirty (kind, id) SELECT 'entry', e.id FROM agenda_entry e WHERE e.meeting_id = NEW.id
            AND NOT EXISTS (SELECT 1 FROM index_dirty d WHERE d.kind = 'entry' AND d.id = e.id);
        INSERT INTO index_dirty (kind, id) SELECT 'material', x.id FROM material x WHERE x.meeting_id = NEW.id
            AND NOT EXISTS (SELECT 1 FROM index_dirty d WHERE d.kind = 'material' AND d.id = x.id);
        INSERT INTO index_dirty (kind, id) SELECT k.kind, NEW.id FROM (SELECT 'venue' AS kind UNION ALL SELECT 'names') k
            WHERE NOT EXISTS (SELECT 1 FROM index_dirty d WHERE d.kind = k.kind AND d.id = NEW.id);
    END;
    -- The cover's fields a secretary looks things up by: the venue, the 配付資料, the names.
    CREATE TRIGGER index_venue_insert AFTER INSERT ON meeting BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'venue', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'venue' AND id = NEW.id);
    END;
    CREATE TRIGGER index_venue_update AFTER UPDATE OF venue ON meeting BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'venue', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'venue' AND id = NEW.id);
    END;
    CREATE TRIGGER index_venue_delete AFTER DELETE ON meeting BEGIN
        INSERT INTO index_dirty (kind, id) SELECT k.kind, OLD.id FROM (SELECT 'venue' AS kind UNION ALL SELECT 'names') k
            WHERE NOT EXISTS (SELECT 1 FROM index_dirty d WHERE d.kind = k.kind AND d.id = OLD.id);
    END;
    CREATE TRIGGER index_material_insert AFTER INSERT ON material BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'material', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'material' AND id = NEW.id);
    END;
    CREATE TRIGGER index_material_update AFTER UPDATE OF title, meeting_id ON material BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'material', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'material' AND id = NEW.id);
    END;
    CREATE TRIGGER index_material_delete AFTER DELETE ON material BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'material', OLD.id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'material' AND id = OLD.id);
    END;
    CREATE TRIGGER index_names_insert AFTER INSERT ON attendance BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'names', NEW.meeting_id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'names' AND id = NEW.meeting_id);
    END;
    CREATE TRIGGER index_names_update AFTER UPDATE OF status, member_id, meeting_id ON attendance BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'names', NEW.meeting_id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'names' AND id = NEW.meeting_id);
    END;
    CREATE TRIGGER index_names_delete AFTER DELETE ON attendance BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'names', OLD.meeting_id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'names' AND id = OLD.meeting_id);
    END;
    -- Before 開会 a meeting's names are the council's as they are now; from 開会 its own copy's.
    CREATE TRIGGER index_names_member AFTER UPDATE OF name ON member BEGIN
        INSERT INTO index_dirty (kind, id) SELECT DISTINCT 'names', a.meeting_id FROM attendance a WHERE a.member_id = NEW.id
            AND NOT EXISTS (SELECT 1 FROM index_dirty d WHERE d.kind = 'names' AND d.id = a.meeting_id);
    END;
    CREATE TRIGGER index_names_copy AFTER UPDATE OF council_snapshot ON meeting BEGIN
        INSERT INTO index_dirty (kind, id) SELECT 'names', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE kind = 'names' AND id = NEW.id);
    END;
    INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'names', id FROM meeting;
    INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'turn', id FROM turn;
    "#,
    // 8: 会議一覧 in its order (by 年度 and council, newest first) and the 年度 held, read from
    // indexes: the first page of years of meetings reads its 100 rows, not every meeting's row
    // with its copy of the council (1,000 meetings: 16 ms → 3 ms, `Store::meetings_page`).
    r#"
    CREATE INDEX meeting_in_groups ON meeting(council_id, fiscal_year, held_on, ordinal);
    CREATE INDEX meeting_by_fiscal_year ON meeting(fiscal_year);
    "#,
    // 9: every column that refers to a row deleted with a meeting (the meeting, its agenda
    // entries, turns and votes) has an index: deleting a meeting checked each of its agenda
    // entries against every turn of the archive (1,000 meetings: 1.3 s → 0.04 s).
    r#"
    CREATE INDEX turn_by_entry ON turn(agenda_entry_id);
    CREATE INDEX vote_by_entry ON vote(agenda_entry_id);
    CREATE INDEX agenda_entry_by_parent ON agenda_entry(parent_id);
    CREATE INDEX meeting_by_current_entry ON meeting(current_entry_id);
    CREATE INDEX agenda_version_by_entry ON agenda_version(entry_id);
    CREATE INDEX agenda_version_by_meeting ON agenda_version(meeting_id);
    CREATE INDEX draft_by_meeting ON draft(meeting_id);
    CREATE INDEX reminder_by_meeting ON reminder(meeting_id);
    CREATE INDEX status_change_by_meeting ON status_change(meeting_id);
    CREATE INDEX attendance_version_by_meeting ON attendance_version(meeting_id);
    CREATE INDEX meeting_version_by_meeting ON meeting_version(meeting_id);
    CREATE INDEX snapshot_version_by_meeting ON snapshot_version(meeting_id);
    CREATE INDEX vote_version_by_vote ON vote_version(vote_id);
    "#,
];

/// The tables whose rows belong to one meeting, with the expression naming that meeting for a row
/// (`{R}` is NEW or OLD): everything a meeting's document, fingerprint or JSON file reads.
/// A final meeting's rows refuse INSERT, UPDATE and DELETE in the store itself (migration 4).
/// The third column joins a row of the table (as `x`) to its meeting (as `m`), for tables keyed by
/// `id`: an INSERT that would REPLACE a final meeting's row is refused whatever the connection's
/// `recursive_triggers` (another tool's connection leaves it off, and REPLACE's delete then fires
/// no DELETE trigger).
const MEETING_TABLES: &[(&str, &str, Option<&str>)] = &[
    ("turn", "{R}.meeting_id", Some("JOIN meeting m ON m.id = x.meeting_id")),
    ("vote", "{R}.meeting_id", Some("JOIN meeting m ON m.id = x.meeting_id")),
    ("agenda_entry", "{R}.meeting_id", Some("JOIN meeting m ON m.id = x.meeting_id")),
    ("attendance", "{R}.meeting_id", None),
    ("material", "{R}.meeting_id", Some("JOIN meeting m ON m.id = x.meeting_id")),
    ("meeting_official", "{R}.meeting_id", None),
    ("reminder", "{R}.meeting_id", Some("JOIN meeting m ON m.id = x.meeting_id")),
    ("draft", "{R}.meeting_id", None),
    ("agenda_version", "{R}.meeting_id", Some("JOIN meeting m ON m.id = x.meeting_id")),
    ("attendance_version", "{R}.meeting_id", Some("JOIN meeting m ON m.id = x.meeting_id")),
    ("snapshot_version", "{R}.meeting_id", Some("JOIN meeting m ON m.id = x.meeting_id")),
    ("meeting_version", "{R}.meeting_id", Some("JOIN meeting m ON m.id = x.meeting_id")),
    (
        "turn_version",
        "(SELECT meeting_id FROM turn WHERE id = {R}.turn_id)",
        Some("JOIN turn t ON t.id = x.turn_id JOIN meeting m ON m.id = t.meeting_id"),
    ),
    (
        "vote_version",
        "(SELECT meeting_id FROM vote WHERE id = {R}.vote_id)",
        Some("JOIN vote v ON v.id = x.vote_id JOIN meeting m ON m.id = v.meeting_id"),
    ),
];

/// The lock on final minutes: one trigger per table and event, raising `SHOKI_FINAL`, which
/// `Store::write` turns into a message the secretary can act on. Only a change of status away from
/// final (reopening, which records a reason) may touch a final meeting.
fn final_lock_sql() -> String {
    // A final meeting's row changes only by leaving final for 案 (draft), and then in nothing but
    // its status and the reason and time of the reopening, which the store records itself.
    let other_columns = [
        "council_id",
        "fiscal_year",
        "ordinal",
        "held_on",
        "planned_start",
        "planned_end",
        "venue",
        "observers",
        "opened_at",
        "closed_at",
        "current_entry_id",
        "rules",
        "draft_at",
        "finalized_at",
        "council_snapshot",
        "phrases_snapshot",
        "id",
    ]
    .map(|c| format!("NEW.{c} IS NOT OLD.{c}"))
    .join(" OR ");
    // Blank to a reader: ASCII and full-width spaces, line ends, tabs, no-break and zero-width spaces.
    let blank = "trim(coalesce(NEW.reopen_reason, ''), ' ' || char(12288) || char(10) || char(13) || char(9) || char(160) || char(8203) || char(65279)) = ''";
    let mut sql = format!(
        "CREATE TRIGGER final_meeting_update BEFORE UPDATE ON meeting
             WHEN OLD.status = 'final' AND (NEW.status = 'final' OR {other_columns})
             BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
         CREATE TRIGGER final_meeting_reopen BEFORE UPDATE ON meeting
             WHEN OLD.status = 'final' AND NEW.status <> 'final'
                 AND (NEW.status <> 'draft' OR {blank} OR NEW.reopened_at IS NULL)
             BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
         CREATE TRIGGER final_meeting_reopened AFTER UPDATE ON meeting
             WHEN OLD.status = 'final' AND NEW.status = 'draft'
             BEGIN
                 INSERT INTO status_change (meeting_id, from_status, to_status, reason, changed_at)
                     VALUES (NEW.id, 'final', 'draft', NEW.reopen_reason, NEW.reopened_at);
             END;
         -- Ids never change (a renumbered row could REPLACE a final meeting's), and a final
         -- meeting's place (council, 年度, 第N回) cannot be taken by another row, which UNIQUE's
         -- REPLACE would do by deleting it.
         CREATE TRIGGER meeting_id_fixed BEFORE UPDATE ON meeting WHEN NEW.id IS NOT OLD.id
             BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
         CREATE TRIGGER final_meeting_place_insert BEFORE INSERT ON meeting
             WHEN EXISTS (SELECT 1 FROM meeting WHERE status = 'final' AND id IS NOT NEW.id AND council_id = NEW.council_id
                          AND fiscal_year = NEW.fiscal_year AND ordinal = NEW.ordinal)
             BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
         CREATE TRIGGER final_meeting_place_update BEFORE UPDATE ON meeting
             WHEN EXISTS (SELECT 1 FROM meeting WHERE status = 'final' AND id IS NOT NEW.id AND council_id = NEW.council_id
                          AND fiscal_year = NEW.fiscal_year AND ordinal = NEW.ordinal)
             BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
         CREATE TRIGGER final_meeting_delete BEFORE DELETE ON meeting
             WHEN OLD.status = 'final'
             BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
         CREATE TRIGGER final_meeting_replace BEFORE INSERT ON meeting
             WHEN EXISTS (SELECT 1 FROM meeting WHERE id = NEW.id AND status = 'final')
             BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
         CREATE TRIGGER final_status_change_replace BEFORE INSERT ON status_change
             WHEN EXISTS (SELECT 1 FROM status_change x JOIN meeting m ON m.id = x.meeting_id
                          WHERE x.id = NEW.id AND m.status = 'final')
             BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
         CREATE TRIGGER final_status_change_insert BEFORE INSERT ON status_change
             WHEN (SELECT status FROM meeting WHERE id = NEW.meeting_id) = 'final'
             BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
         CREATE TRIGGER status_change_id_fixed BEFORE UPDATE ON status_change WHEN NEW.id IS NOT OLD.id
             BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
         CREATE TRIGGER final_status_change_update BEFORE UPDATE ON status_change
             WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) = 'final'
                 OR (SELECT status FROM meeting WHERE id = NEW.meeting_id) = 'final'
             BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;
         CREATE TRIGGER final_status_change_delete BEFORE DELETE ON status_change
             WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) = 'final'
             BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;\n"
    );
    for (table, meeting, join) in MEETING_TABLES {
        sql.push_str(&table_lock_sql(table, meeting, *join));
    }
    sql
}

/// The tables of a meeting added after migration 4, locked by the migration that adds them.
const LATER_MEETING_TABLES: &[(i64, &str, &str, Option<&str>)] =
    &[(5, "recess", "{R}.meeting_id", Some("JOIN meeting m ON m.id = x.meeting_id"))];

/// The three triggers (INSERT, UPDATE, DELETE) that keep a final meeting's rows of `table` as
/// they are; `meeting` names a row's meeting (`{R}` is NEW or OLD), `join` joins a row (`x`) to
/// its meeting (`m`) for tables keyed by `id`.
fn table_lock_sql(table: &str, meeting: &str, join: Option<&str>) -> String {
    let final_of = |expr: &str| format!("(SELECT status FROM meeting WHERE id = {expr}) = 'final'");
    let mut sql = String::new();
    {
        let new = final_of(&meeting.replace("{R}", "NEW"));
        let old = final_of(&meeting.replace("{R}", "OLD"));
        let insert = match join {
            Some(join) => {
                format!("{new} OR EXISTS (SELECT 1 FROM {table} x {join} WHERE x.id = NEW.id AND m.status = 'final')")
            }
            None => new.clone(),
        };
        // A row's id never changes: renumbered, it could REPLACE a final meeting's row.
        let update = match join {
            Some(_) => format!("{old} OR {new} OR NEW.id IS NOT OLD.id"),
            None => format!("{old} OR {new}"),
        };
        for (event, when) in [("INSERT", insert), ("UPDATE", update), ("DELETE", old)] {
            sql.push_str(&format!(
                "CREATE TRIGGER final_{table}_{} BEFORE {event} ON {table} WHEN {when}
                     BEGIN SELECT RAISE(ABORT, 'SHOKI_FINAL'); END;\n",
                event.to_lowercase()
            ));
        }
    }
    sql
}

/// What a migration needs besides its SQL, in the same transaction.
fn after_migration(tx: &rusqlite::Transaction, version: i64) -> Result<()> {
    if version == 4 {
        // Meetings opened before this version: their snapshot from their own data — the members
        // they have attendance for, the officials of their council — and their agenda numbered.
        let opened: Vec<i64> = tx
            .prepare("SELECT id FROM meeting WHERE status <> 'preparing' ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in opened {
            super::snapshot::take(tx, id, true)?;
        }
        tx.execute_batch(&final_lock_sql())?;
    }
    if version == 6 {
        // The index of migration 5 is built in the order of version 6: here for a small store;
        // a larger one by the window a step at a time, with a progress bar (store/index.rs).
        if super::index::waiting(tx)? <= super::index::BUILD {
            super::index::sync(tx)?;
        }
    }
    for (added_in, table, meeting, join) in LATER_MEETING_TABLES {
        if *added_in == version {
            tx.execute_batch(&table_lock_sql(table, meeting, *join))?;
        }
    }
    Ok(())
}

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Brings the store up to `target`, one atomic step per migration. A store from a newer build is
/// refused before anything is written, so it is never downgraded.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    let found = version(conn)?;
    if found > latest() {
        return Err(Error::TooNew { found, supported: latest() });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().take(target as usize).skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        after_migration(&tx, i as i64 + 1)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_applies_in_order_on_an_empty_store() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, latest()).unwrap();
        assert_eq!(version(&conn).unwrap(), latest());
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
    }
}
