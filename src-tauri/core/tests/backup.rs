//! Backups without thinking: a copy taken while the store is open opens as the same store, the
//! newest `KEEP` are kept, and a restore puts one back while keeping the store it replaces.

mod common;

use std::fs;
use std::path::Path;

use common::{at, TempDir};
use shoki_core::store::backup::{list_backups, restore_backup, wait_for_step_backups, KEEP, KEEP_ALWAYS, KEEP_BYTES};
use shoki_core::store::MeetingField;
use shoki_core::{Error, Store};

/// A data folder with the sample meeting in its store.
fn sample(tag: &str) -> (TempDir, Store, i64) {
    let dir = TempDir::new(tag);
    let mut store = Store::open(dir.path()).unwrap();
    let id = store.load_sample().unwrap().id;
    (dir, store, id)
}

/// Opens `file` as a store of its own (copied into a fresh folder as shoki.sqlite3).
fn open_copy(file: &Path, tag: &str) -> (TempDir, Store) {
    let dir = TempDir::new(tag);
    fs::copy(file, Store::path(dir.path())).unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

#[test]
fn a_backup_opens_as_the_same_store() {
    let (dir, mut store, id) = sample("backup-same");
    store.open_meeting(id, at("14:00:00")).unwrap();
    store.add_turn_by(id, "chair", None, "ただいまから会議を開会いたします。", at("14:01:00")).unwrap();
    let path = store.take_backup(dir.path(), "open", at("14:01:30")).unwrap();
    assert_eq!(path.file_name().unwrap(), "shoki-20211213-140130-open.sqlite3");
    let (_copy_dir, copy) = open_copy(&path, "backup-same-copy");
    assert_eq!(copy.meetings().unwrap(), store.meetings().unwrap());
    assert_eq!(copy.meeting(id).unwrap(), store.meeting(id).unwrap());
    assert_eq!(copy.transcript(id).unwrap(), store.transcript(id).unwrap(), "the committed turn is in the copy");
    let listed = list_backups(dir.path()).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].reason.as_str(), listed[0].bytes), ("open", fs::metadata(&path).unwrap().len()));
    let leftovers: Vec<_> =
        fs::read_dir(dir.path().join("backups")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file beside the backup: {leftovers:?}");
}

#[test]
fn an_unchanged_store_is_not_copied_again() {
    let (dir, mut store, id) = sample("backup-unchanged");
    let first = store.take_backup(dir.path(), "open", at("14:00:00")).unwrap();
    let again = store.take_backup(dir.path(), "quit", at("17:00:00")).unwrap();
    assert_eq!(again, first, "the same bytes are not kept twice");
    store.update_meeting(id, MeetingField::Observers, "3", at("10:00:00")).unwrap();
    let changed = store.take_backup(dir.path(), "quit", at("17:00:01")).unwrap();
    assert_ne!(changed, first);
    assert_eq!(list_backups(dir.path()).unwrap().len(), 2);
}

#[test]
fn a_steps_backup_is_the_store_at_the_step_while_turns_go_on() {
    let (dir, mut store, id) = sample("backup-moment");
    store.open_meeting(id, at("14:00:00")).unwrap();
    // The moment of 開会, held while the secretary types the next turns: each commits (a reader
    // never holds the store's connection up; held up, it would fail after its busy timeout).
    let moment = store.moment().unwrap();
    let at_the_step = store.transcript(id).unwrap().len();
    for i in 0..20 {
        store.add_turn(id, "member", &format!("{i}番目の発言"), at("14:01:00")).unwrap();
    }
    assert_eq!(store.transcript(id).unwrap().len(), at_the_step + 20, "every turn committed");
    // Taken later, on a thread of its own, the copy is the store at the step — not what came after.
    let data = dir.path().to_path_buf();
    let path = std::thread::spawn(move || moment.take_backup(&data, "open", at("14:00:00")).unwrap()).join().unwrap();
    let (_copy_dir, copy) = open_copy(&path, "backup-moment-copy");
    assert_eq!(copy.transcript(id).unwrap().len(), at_the_step);
    assert_eq!(copy.meeting(id).unwrap().status, store.meeting(id).unwrap().status, "開会 is in it");
    // The same rules as a backup through the store's connection.
    assert_eq!(
        store.moment().unwrap().take_backup(dir.path(), "../x", at("14:02:00")).unwrap_err().code(),
        "INVALID_INPUT"
    );
    let now = store.moment().unwrap().take_backup(dir.path(), "close", at("15:00:00")).unwrap();
    assert_eq!(
        store.take_backup(dir.path(), "quit", at("15:00:01")).unwrap(),
        now,
        "an unchanged store is not copied again"
    );
    assert_eq!(list_backups(dir.path()).unwrap().len(), 2);
}

#[test]
fn a_restore_waits_for_a_steps_backup_still_reading_the_store() {
    let (dir, store, _) = sample("backup-wait");
    // The shell waits for this before it closes the store for a restore: while a step's backup
    // holds the store open, the wait goes on.
    let moment = store.moment().unwrap();
    let waiting = std::thread::spawn(wait_for_step_backups);
    assert!(!waiting.is_finished(), "a step's backup still holds the store");
    moment.take_backup(dir.path(), "open", at("14:00:00")).unwrap();
    waiting.join().unwrap();
}

#[test]
fn a_restore_cut_off_leaves_nothing_behind_for_long() {
    // A restore killed while copying the backup into place leaves its temporary copy in the data
    // folder; the next start removes it (and a backup's in backups/).
    let (dir, store, _) = sample("restore-leftovers");
    drop(store);
    fs::create_dir_all(dir.path().join("backups")).unwrap();
    for leftover in [".shoki-4242-0.tmp", "backups/.shoki-4242-1.tmp"] {
        fs::write(dir.path().join(leftover), "half a store").unwrap();
    }
    let _store = Store::open(dir.path()).unwrap();
    assert!(!dir.path().join(".shoki-4242-0.tmp").exists());
    assert!(!dir.path().join("backups/.shoki-4242-1.tmp").exists());
}

#[test]
fn a_backup_cut_off_leaves_nothing_behind_for_long() {
    let (dir, store, _) = sample("backup-leftovers");
    drop(store);
    // What a kill or a power cut in the middle of a copy leaves: a temporary copy and its journal;
    // Shoki then starts again.
    let backups = dir.path().join("backups");
    fs::create_dir_all(&backups).unwrap();
    for leftover in [".shoki-4242-0.tmp", ".shoki-4242-0.tmp-journal"] {
        fs::write(backups.join(leftover), "half a store").unwrap();
    }
    fs::write(backups.join("メモ.txt"), "x").unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.take_backup(dir.path(), "quit", at("17:00:00")).unwrap();
    let mut left: Vec<String> =
        fs::read_dir(&backups).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["shoki-20211213-170000-quit.sqlite3", "メモ.txt"]);
}

#[test]
fn only_the_newest_are_kept() {
    let (dir, mut store, id) = sample("backup-rotate");
    let extra = 5;
    for n in 0..KEEP + extra {
        store.update_meeting(id, MeetingField::Observers, &n.to_string(), at("10:00:00")).unwrap();
        let now = at("09:00:00") + chrono::Duration::minutes(n as i64);
        store.take_backup(dir.path(), "manual", now).unwrap();
    }
    let kept = list_backups(dir.path()).unwrap();
    assert_eq!(kept.len(), KEEP);
    assert_eq!(kept[0].taken_at, at("09:00:00") + chrono::Duration::minutes((KEEP + extra - 1) as i64), "newest first");
    assert_eq!(kept[KEEP - 1].taken_at, at("09:00:00") + chrono::Duration::minutes(extra as i64), "the oldest went");
    // What else lives in backups/ is never touched by the rotation.
    fs::create_dir_all(dir.path().join("backups/replaced-20200101-000000")).unwrap();
    fs::write(dir.path().join("backups/メモ.txt"), "x").unwrap();
    store.update_meeting(id, MeetingField::Observers, "99", at("10:00:00")).unwrap();
    store.take_backup(dir.path(), "quit", at("23:00:00")).unwrap();
    assert!(dir.path().join("backups/replaced-20200101-000000").is_dir());
    assert!(dir.path().join("backups/メモ.txt").is_file());
}

#[test]
fn backups_of_a_large_archive_stay_within_their_budget() {
    let (dir, mut store, id) = sample("backup-budget");
    // Twenty backups of a store of years (sparse files: their size without writing it), then one
    // more of the store itself: the newest ten are kept whatever their size, older ones only
    // while all kept stay within the budget.
    let backups = dir.path().join("backups");
    fs::create_dir_all(&backups).unwrap();
    let big = KEEP_BYTES / 8;
    for n in 0..20 {
        let name = format!("shoki-20211213-{n:02}0000-quit.sqlite3");
        fs::File::create(backups.join(name)).unwrap().set_len(big).unwrap();
    }
    store.update_meeting(id, MeetingField::Observers, "2", at("10:00:00")).unwrap();
    store.take_backup(dir.path(), "manual", at("23:00:00")).unwrap();
    let kept = list_backups(dir.path()).unwrap();
    assert_eq!(kept.len(), KEEP_ALWAYS, "{kept:?}");
    assert_eq!(kept[0].taken_at, at("23:00:00"));
    assert_eq!(kept[KEEP_ALWAYS - 1].taken_at.to_string(), "2021-12-13 11:00:00", "the newest big ones stay");

    // Older ones past the newest ten stay while the budget holds: seven big, the rest small.
    let (dir, mut store, id) = sample("backup-budget-mixed");
    let backups = dir.path().join("backups");
    fs::create_dir_all(&backups).unwrap();
    for n in 0..20 {
        let name = format!("shoki-20211213-{n:02}0000-quit.sqlite3");
        let size = if n >= 13 { big } else { 1 << 20 };
        fs::File::create(backups.join(name)).unwrap().set_len(size).unwrap();
    }
    store.update_meeting(id, MeetingField::Observers, "3", at("10:00:00")).unwrap();
    store.take_backup(dir.path(), "manual", at("23:00:00")).unwrap();
    assert_eq!(list_backups(dir.path()).unwrap().len(), 21, "within the budget: all kept");
    let total: u64 = list_backups(dir.path()).unwrap().iter().map(|b| b.bytes).sum();
    assert!(total <= KEEP_BYTES);
}

#[test]
fn a_reason_of_our_own_only() {
    let (dir, store, _) = sample("backup-reason");
    for bad in ["", "../x", "Open", "開会"] {
        assert_eq!(store.take_backup(dir.path(), bad, at("14:00:00")).unwrap_err().code(), "INVALID_INPUT", "{bad}");
    }
}

#[test]
fn a_restore_keeps_the_store_it_replaces() {
    let (dir, mut store, id) = sample("restore");
    let backup = store.take_backup(dir.path(), "open", at("14:00:00")).unwrap();
    let name = backup.file_name().unwrap().to_str().unwrap().to_string();
    store.update_meeting(id, MeetingField::Observers, "7", at("10:00:00")).unwrap();
    let later = store.meeting(id).unwrap();

    let err = restore_backup(dir.path(), &name, at("15:00:00")).unwrap_err();
    assert!(matches!(err, Error::Locked), "the store must be closed first: {err}");
    drop(store);

    let aside = restore_backup(dir.path(), &name, at("15:00:00")).unwrap();
    assert_eq!(aside, dir.path().join("backups/replaced-20211213-150000"));
    let restored = Store::open(dir.path()).unwrap();
    assert_eq!(restored.meeting(id).unwrap().observers, 0, "the backup's state is back");
    drop(restored);
    let (_d, replaced) = open_copy(&aside.join("shoki.sqlite3"), "restore-aside");
    assert_eq!(replaced.meeting(id).unwrap(), later, "the replaced store is whole, kept aside");
    assert!(dir.path().join("backups").join(&name).is_file(), "the backup stays listed");

    // A second restore in the same second never overwrites the first one kept aside.
    let again = restore_backup(dir.path(), &name, at("15:00:00")).unwrap();
    assert_eq!(again, dir.path().join("backups/replaced-20211213-150000-2"));
    assert!(aside.join("shoki.sqlite3").is_file());
}

#[test]
fn a_restore_takes_only_a_listed_name() {
    let (dir, store, _) = sample("restore-names");
    let backup = store.take_backup(dir.path(), "open", at("14:00:00")).unwrap();
    drop(store);
    let before = fs::read(Store::path(dir.path())).unwrap();
    fs::write(dir.path().join("outside.sqlite3"), &before).unwrap();
    let absolute = backup.display().to_string();
    for name in [
        "../shoki.sqlite3",
        "../outside.sqlite3",
        "shoki-20211213-140000-open.sqlite3/../../outside.sqlite3",
        absolute.as_str(),
        "",
    ] {
        let err = restore_backup(dir.path(), name, at("15:00:00")).unwrap_err();
        assert_eq!(err.code(), "NOT_FOUND", "{name}: {err}");
    }
    assert_eq!(fs::read(Store::path(dir.path())).unwrap(), before, "nothing was moved");
    assert!(!dir.path().join("backups").read_dir().unwrap().flatten().any(|e| e.path().is_dir()));
}

#[test]
fn a_damaged_backup_is_not_restored() {
    let (dir, store, _) = sample("restore-damaged");
    let backup = store.take_backup(dir.path(), "open", at("14:00:00")).unwrap();
    drop(store);
    fs::write(&backup, "壊れたバックアップ".repeat(500)).unwrap();
    let before = fs::read(Store::path(dir.path())).unwrap();
    let name = backup.file_name().unwrap().to_str().unwrap();
    assert_eq!(restore_backup(dir.path(), name, at("15:00:00")).unwrap_err().code(), "STORE_DAMAGED");
    assert_eq!(fs::read(Store::path(dir.path())).unwrap(), before);
    assert!(Store::open(dir.path()).is_ok(), "the store in place still opens");
}

#[test]
fn a_damaged_store_can_be_restored_from_its_backup() {
    let (dir, store, id) = sample("restore-after-damage");
    let backup = store.take_backup(dir.path(), "close", at("17:00:00")).unwrap();
    drop(store);
    let path = Store::path(dir.path());
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(Store::open(dir.path()).err().unwrap().code(), "STORE_DAMAGED");
    let name = backup.file_name().unwrap().to_str().unwrap();
    let aside = restore_backup(dir.path(), name, at("17:30:00")).unwrap();
    assert_eq!(fs::read(aside.join("shoki.sqlite3")).unwrap(), &bytes[..bytes.len() / 2], "kept as found");
    assert_eq!(Store::open(dir.path()).unwrap().meetings().unwrap()[0].id, id);
}

#[test]
fn a_copy_for_a_stick_is_whole() {
    let (dir, store, id) = sample("backup-to");
    let stick = TempDir::new("backup-to-stick");
    let out = stick.path().join("書記のバックアップ.sqlite3");
    store.backup_to(&out).unwrap();
    assert_eq!(fs::read_dir(stick.path()).unwrap().count(), 1, "only the copy, no temporary file or journal");
    let (_d, copy) = open_copy(&out, "backup-to-copy");
    assert_eq!(copy.meeting(id).unwrap(), store.meeting(id).unwrap());
    let missing = stick.path().join("抜かれた/x.sqlite3");
    let err = store.backup_to(&missing).unwrap_err();
    assert!(err.to_string().contains("USBメモリが差さっているか"), "{err}");
    drop(dir);
}
