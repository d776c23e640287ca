//! Quitting ends the step's backups (`backup::close_for_exit`): in a test binary of its own, since
//! it holds for the rest of the process.

mod common;

use common::{at, TempDir};
use shoki_core::store::backup::{close_for_exit, list_backups, quitting};
use shoki_core::Store;

#[test]
fn a_steps_backup_still_waiting_at_quit_gives_up_and_closes() {
    let dir = TempDir::new("backup-exit");
    let mut store = Store::open(dir.path()).unwrap();
    let id = store.load_sample().unwrap().id;
    store.open_meeting(id, at("14:00:00")).unwrap();
    // 閉会's backup has not begun when the secretary quits: the quit backup is taken, then the
    // step's gives up without copying and closes its connection — the quit waits for that.
    let moment = store.moment().unwrap();
    store.take_backup(dir.path(), "quit", at("17:00:00")).unwrap();
    let closing = std::thread::spawn(close_for_exit);
    while !quitting() {
        std::thread::yield_now();
    }
    assert!(!closing.is_finished(), "the quit waits for the step's backup to close");
    let err = moment.take_backup(dir.path(), "close", at("16:59:59")).unwrap_err();
    assert!(err.to_string().contains("終了"), "{err}");
    closing.join().unwrap();
    let names: Vec<String> = list_backups(dir.path()).unwrap().into_iter().map(|b| b.name).collect();
    assert_eq!(names, ["shoki-20211213-170000-quit.sqlite3"]);
    // Nothing of it is left: the store closes cleanly.
    drop(store);
    assert!(dir.path().join("shoki.closed").exists());
}
