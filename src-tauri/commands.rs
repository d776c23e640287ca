//! The IPC commands: each converts its arguments, runs one core call off the main thread, and
//! answers with the saved record or `{code, message}`. Every command is also listed in build.rs
//! and capabilities/default.json (tests/ipc_manifest.rs checks the three agree).

use std::path::Path;

use serde::Serialize;
use shoki_core::export::write::{export_target, write_safely};
use shoki_core::export::{Document, Format, Version};
use shoki_core::format::FormatProfile;
use shoki_core::model::{Council, Draft, Meeting, MeetingPage, Phrase, Speaker, Turn, TurnState, TurnVersion, Vote};
use shoki_core::search::{ArchiveQuery, Page};
use shoki_core::store::backup::{self, BackupInfo};
use shoki_core::store::field_draft::FieldDraft;
use shoki_core::store::status::Correction;
use shoki_core::store::vote::{ChairView, VoteInput};
use shoki_core::store::{AttendanceCorrection, CouncilField, MeetingField};
use shoki_core::Store;
use tauri::{Manager, State, WebviewUrl, WebviewWindowBuilder};

use crate::AppState;

/// What the UI receives on failure. The UI branches on `code`, never on the message.
#[derive(Debug, Clone, Serialize)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
}

impl From<shoki_core::Error> for CommandError {
    fn from(e: shoki_core::Error) -> Self {
        CommandError { code: e.code(), message: e.to_string() }
    }
}

type Answer<T> = Result<T, CommandError>;

/// Runs one core call that changes the record, then tells every window the record changed
/// (`record-changed`): the chair's screen follows the secretary's without polling.
async fn run<T: Send + 'static>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&mut Store) -> shoki_core::Result<T> + Send + 'static,
) -> Answer<T> {
    let answer = read(state, f).await;
    if answer.is_ok() {
        if let Some(app) = state.app.get() {
            use tauri::Emitter;
            let _ = app.emit("record-changed", ());
        }
    }
    answer
}

/// Runs one core call on a blocking thread: a commit waits for fsync, and the window must not.
async fn read<T: Send + 'static>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&mut Store) -> shoki_core::Result<T> + Send + 'static,
) -> Answer<T> {
    let store = state.store.clone();
    tauri::async_runtime::spawn_blocking(move || {
        // A panic in an earlier call must not lock the secretary out of their own store.
        let mut guard = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match guard.as_mut() {
            Ok(store) => f(store).map_err(CommandError::from),
            Err(e) => Err(e.clone()),
        }
    })
    .await
    .map_err(internal)?
}

/// A blocking task that panicked or was cancelled: nothing the secretary did, so restart.
fn internal(e: tauri::Error) -> CommandError {
    CommandError {
        code: "STORE_FAILED",
        message: format!("内部の処理に失敗しました（{e}）。書記を再起動してください。"),
    }
}

/// What the window asks first (`get_startup`): the store's folder (shown on この書記について and
/// バックアップ) and the meeting being recorded, if any.
#[derive(Serialize)]
pub struct Startup {
    data_dir: String,
    /// The meeting being recorded, reopened at the start (`Store::meeting_in_session`).
    in_session: Option<i64>,
}

#[tauri::command]
pub async fn get_startup(state: State<'_, AppState>) -> Answer<Startup> {
    let data_dir = state.data_dir.display().to_string();
    read(&state, move |s| Ok(Startup { data_dir, in_session: s.meeting_in_session()? })).await
}

#[tauri::command]
pub async fn load_sample(state: State<'_, AppState>) -> Answer<Meeting> {
    run(&state, |s| s.load_sample()).await
}

/// A page of 会議一覧 (`Store::meetings_page`): `limit` meetings after `offset`, newest first.
#[tauri::command]
pub async fn list_meetings(state: State<'_, AppState>, offset: i64, limit: i64) -> Answer<MeetingPage> {
    read(&state, move |s| s.meetings_page(offset, limit)).await
}

#[tauri::command]
pub async fn get_meeting(state: State<'_, AppState>, meeting_id: i64) -> Answer<Meeting> {
    read(&state, move |s| s.meeting(meeting_id)).await
}

#[tauri::command]
pub async fn create_meeting(state: State<'_, AppState>, council_id: i64) -> Answer<Meeting> {
    let today = now().date();
    run(&state, move |s| s.create_meeting(council_id, today)).await
}

#[tauri::command]
pub async fn duplicate_meeting(state: State<'_, AppState>, meeting_id: i64) -> Answer<Meeting> {
    run(&state, move |s| s.duplicate_meeting(meeting_id)).await
}

#[tauri::command]
pub async fn delete_meeting(state: State<'_, AppState>, meeting_id: i64) -> Answer<()> {
    run(&state, move |s| s.delete_meeting(meeting_id)).await
}

#[tauri::command]
pub async fn update_meeting(
    state: State<'_, AppState>,
    meeting_id: i64,
    field: MeetingField,
    value: String,
) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.update_meeting(meeting_id, field, &value, now)).await
}

#[tauri::command]
pub async fn set_attendance(
    state: State<'_, AppState>,
    meeting_id: i64,
    member_id: i64,
    status: String,
) -> Answer<Meeting> {
    run(&state, move |s| s.set_attendance(meeting_id, member_id, &status)).await
}

#[tauri::command]
pub async fn set_official_attending(
    state: State<'_, AppState>,
    meeting_id: i64,
    official_id: i64,
    attending: bool,
) -> Answer<Meeting> {
    run(&state, move |s| s.set_official_attending(meeting_id, official_id, attending)).await
}

#[tauri::command]
pub async fn add_material(
    state: State<'_, AppState>,
    meeting_id: i64,
    title: String,
    timing: String,
) -> Answer<Meeting> {
    run(&state, move |s| s.add_material(meeting_id, &title, &timing)).await
}

#[tauri::command]
pub async fn update_material(
    state: State<'_, AppState>,
    material_id: i64,
    title: String,
    timing: String,
) -> Answer<Meeting> {
    run(&state, move |s| s.update_material(material_id, &title, &timing)).await
}

#[tauri::command]
pub async fn remove_material(state: State<'_, AppState>, material_id: i64) -> Answer<Meeting> {
    run(&state, move |s| s.remove_material(material_id)).await
}

#[tauri::command]
pub async fn move_material(state: State<'_, AppState>, material_id: i64, up: bool) -> Answer<Meeting> {
    run(&state, move |s| s.move_material(material_id, up)).await
}

#[tauri::command]
pub async fn add_agenda_entry(
    state: State<'_, AppState>,
    meeting_id: i64,
    parent_id: Option<i64>,
    title: String,
) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.add_agenda_entry(meeting_id, parent_id, &title, now)).await
}

#[tauri::command]
pub async fn rename_agenda_entry(state: State<'_, AppState>, entry_id: i64, title: String) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.rename_agenda_entry(entry_id, &title, now)).await
}

#[tauri::command]
pub async fn remove_agenda_entry(state: State<'_, AppState>, entry_id: i64) -> Answer<Meeting> {
    run(&state, move |s| s.remove_agenda_entry(entry_id)).await
}

#[tauri::command]
pub async fn move_agenda_entry(state: State<'_, AppState>, entry_id: i64, up: bool) -> Answer<Meeting> {
    run(&state, move |s| s.move_agenda_entry(entry_id, up)).await
}

#[tauri::command]
pub async fn list_councils(state: State<'_, AppState>) -> Answer<Vec<Council>> {
    read(&state, |s| s.councils()).await
}

#[tauri::command]
pub async fn create_council(state: State<'_, AppState>, name: String, membership: String) -> Answer<Council> {
    run(&state, move |s| s.create_council(&name, &membership)).await
}

#[tauri::command]
pub async fn update_council(
    state: State<'_, AppState>,
    council_id: i64,
    field: CouncilField,
    value: String,
) -> Answer<Council> {
    run(&state, move |s| s.update_council(council_id, field, &value)).await
}

/// The format presets a council can start from: (key, name on screen).
#[tauri::command]
pub async fn list_format_presets() -> Answer<Vec<(String, String)>> {
    Ok(shoki_core::format::PRESETS.iter().map(|(k, n)| (k.to_string(), n.to_string())).collect())
}

/// Sets a council's format (書式) as a whole. Errors as `Store::set_council_format`.
#[tauri::command]
pub async fn set_council_format(
    state: State<'_, AppState>,
    council_id: i64,
    profile: FormatProfile,
) -> Answer<Council> {
    run(&state, move |s| s.set_council_format(council_id, &profile)).await
}

/// Puts a preset in place of a council's format. Errors as `Store::apply_format_preset`.
#[tauri::command]
pub async fn apply_format_preset(state: State<'_, AppState>, council_id: i64, preset: String) -> Answer<Council> {
    run(&state, move |s| s.apply_format_preset(council_id, &preset)).await
}

/// The preview of a council's format in 審議会の設定: the cover and the first paragraphs of the
/// 別紙 of a short sample meeting (`Store::format_preview`).
#[tauri::command]
pub async fn preview_format(state: State<'_, AppState>, council_id: i64) -> Answer<Document> {
    read(&state, move |s| s.format_preview(council_id, 14)).await
}

/// Writes a council's format as a 書式 file at `path` (`.json` added when the name has no
/// extension), with the same checks as every export. Answers the path written.
#[tauri::command]
pub async fn export_council_format(state: State<'_, AppState>, council_id: i64, path: String) -> Answer<String> {
    let text = read(&state, move |s| s.council_format_file(council_id)).await?;
    write_export(&state, path, Format::Json, text.into_bytes()).await
}

/// Takes a council's format from a 書式 file at `path` (another office's, say). The council's
/// format is left as it was when the file is refused.
#[tauri::command]
pub async fn import_council_format(state: State<'_, AppState>, council_id: i64, path: String) -> Answer<Council> {
    // At most one byte more than a 書式 file may hold, and only from a regular file: a device, a
    // FIFO or a huge file picked by mistake is refused without being read.
    // A path as typed on the screen: from its folder, as every export's (a relative one would be
    // read from wherever Shoki was started).
    if !Path::new(&path).is_absolute() {
        return Err(CommandError {
            code: "INVALID_INPUT",
            message: "書式のファイルはフォルダから指定してください（例：/media/ユーザー名/USBメモリ/建設委員会の書式.json）。".into(),
        });
    }
    let bytes = tauri::async_runtime::spawn_blocking(move || -> std::io::Result<Vec<u8>> {
        use std::io::Read;
        let file = std::fs::File::open(&path)?;
        if !file.metadata()?.is_file() {
            return Err(std::io::Error::other("通常のファイルではありません"));
        }
        let mut bytes = Vec::new();
        file.take(shoki_core::format::FILE_MAX as u64 + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    })
    .await
    .map_err(internal)?
    .map_err(|e| CommandError {
        code: "INVALID_INPUT",
        message: match e.kind() {
            std::io::ErrorKind::NotFound => {
                "書式のファイルが見つかりません。ファイルの場所を確かめてください。".to_string()
            }
            std::io::ErrorKind::Other => {
                "書式のファイルではなく、フォルダなどが選ばれています。ファイルを選んでください。".to_string()
            }
            _ => format!("書式のファイルを読めませんでした。{}", shoki_core::export::write::explain(&e)),
        },
    })?;
    run(&state, move |s| s.import_council_format(council_id, &bytes)).await
}

#[tauri::command]
pub async fn add_member(state: State<'_, AppState>, council_id: i64, name: String, role: String) -> Answer<Council> {
    run(&state, move |s| s.add_member(council_id, &name, &role)).await
}

#[tauri::command]
pub async fn update_member(state: State<'_, AppState>, member_id: i64, name: String, role: String) -> Answer<Council> {
    run(&state, move |s| s.update_member(member_id, &name, &role)).await
}

#[tauri::command]
pub async fn remove_member(state: State<'_, AppState>, member_id: i64) -> Answer<Council> {
    run(&state, move |s| s.remove_member(member_id)).await
}

#[tauri::command]
pub async fn move_member(state: State<'_, AppState>, member_id: i64, up: bool) -> Answer<Council> {
    run(&state, move |s| s.move_member(member_id, up)).await
}

#[tauri::command]
pub async fn add_official(state: State<'_, AppState>, council_id: i64, title: String) -> Answer<Council> {
    run(&state, move |s| s.add_official(council_id, &title)).await
}

/// Puts a member under a group of the cover (学識経験者, 区民委員). Errors as
/// `Store::set_member_group`.
#[tauri::command]
pub async fn set_member_group(state: State<'_, AppState>, member_id: i64, group: String) -> Answer<Council> {
    run(&state, move |s| s.set_member_group(member_id, &group)).await
}

/// Puts an official under a group of the cover (理事者側, 議会事務局). Errors as
/// `Store::set_official_group`.
#[tauri::command]
pub async fn set_official_group(state: State<'_, AppState>, official_id: i64, group: String) -> Answer<Council> {
    run(&state, move |s| s.set_official_group(official_id, &group)).await
}

#[tauri::command]
pub async fn update_official(state: State<'_, AppState>, official_id: i64, title: String) -> Answer<Council> {
    run(&state, move |s| s.update_official(official_id, &title)).await
}

#[tauri::command]
pub async fn remove_official(state: State<'_, AppState>, official_id: i64) -> Answer<Council> {
    run(&state, move |s| s.remove_official(official_id)).await
}

#[tauri::command]
pub async fn move_official(state: State<'_, AppState>, official_id: i64, up: bool) -> Answer<Council> {
    run(&state, move |s| s.move_official(official_id, up)).await
}

/// Only the shell reads the clock; the core is told the time.
pub(crate) fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Runs a step the secretary would hate to lose (開会, 閉会, 確定) and then takes a backup of the
/// store as the step left it (`Store::moment`, taken with the step under the store's lock), on a
/// thread of its own (`backup::StoreMoment`): with years of meetings the copy takes seconds, which
/// neither the step's answer nor the next turn typed waits for. Quitting waits for it
/// (`backup_at_quit`). A failed backup never fails the step it follows: the step is saved, so it
/// is said on stderr only. Answers as `run`.
async fn step_then_backup<T: Send + 'static>(
    state: &State<'_, AppState>,
    reason: &'static str,
    now: chrono::NaiveDateTime,
    step: impl FnOnce(&mut Store) -> shoki_core::Result<T> + Send + 'static,
) -> Answer<T> {
    let (done, moment) = run(state, move |s| step(s).map(|done| (done, s.moment()))).await?;
    let data_dir = state.data_dir.clone();
    tauri::async_runtime::spawn_blocking(move || {
        if let Err(e) = moment.and_then(|m| m.take_backup(&data_dir, reason, now)) {
            eprintln!("shoki: バックアップ（{reason}）を取れませんでした: {e}");
        }
    });
    Ok(done)
}

/// The backup when Shoki quits, through the store's connection, after any backup still under way
/// (one at a time: `Store::take_backup`); a step's backup still waiting then never begins
/// (`backup::close_for_exit`: what it would copy is in this one). Said on stderr if it fails.
pub(crate) fn backup_at_quit(store: &Store, data_dir: &Path) {
    if let Err(e) = store.take_backup(data_dir, "quit", now()) {
        eprintln!("shoki: バックアップ（quit）を取れませんでした: {e}");
    }
    backup::close_for_exit();
}

#[tauri::command]
pub async fn open_meeting(state: State<'_, AppState>, meeting_id: i64) -> Answer<Meeting> {
    let now = now();
    step_then_backup(&state, "open", now, move |s| s.open_meeting(meeting_id, now)).await
}

#[tauri::command]
pub async fn close_meeting(state: State<'_, AppState>, meeting_id: i64) -> Answer<Meeting> {
    let now = now();
    step_then_backup(&state, "close", now, move |s| s.close_meeting(meeting_id, now)).await
}

#[tauri::command]
pub async fn record_attendance(
    state: State<'_, AppState>,
    meeting_id: i64,
    member_id: i64,
    status: String,
) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.record_attendance(meeting_id, member_id, &status, now)).await
}

/// The speaker to preselect next: `after` is "speech" or "note" (with who said `text`), or
/// "next_item" (F8). A pure rule of the core; it does not touch the store.
#[tauri::command]
pub fn suggest_speaker(after: String, speaker: String, text: String) -> Answer<Speaker> {
    use shoki_core::model::TurnKind;
    let previous = Speaker::parse(&speaker).unwrap_or(Speaker::None);
    Ok(match after.as_str() {
        "next_item" => shoki_core::speakers::AFTER_NEXT_ITEM,
        "note" => shoki_core::speakers::next_speaker(previous, TurnKind::Note, &text),
        _ => shoki_core::speakers::next_speaker(previous, TurnKind::Speech, &text),
    })
}

/// Corrects how a member (or, with `official`, an official) is written in an opened meeting.
#[tauri::command]
pub async fn correct_meeting_person(
    state: State<'_, AppState>,
    meeting_id: i64,
    official: bool,
    person_id: i64,
    name: String,
) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.correct_meeting_person(meeting_id, official, person_id, &name, now)).await
}

/// Corrects a member's attendance and its times (HH:MM, empty for none) with a reason.
#[tauri::command]
pub async fn correct_attendance(
    state: State<'_, AppState>,
    meeting_id: i64,
    member_id: i64,
    correction: AttendanceCorrection,
) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.correct_attendance(meeting_id, member_id, &correction, now)).await
}

#[tauri::command]
pub async fn add_turn(
    state: State<'_, AppState>,
    meeting_id: i64,
    speaker: String,
    who: Option<i64>,
    text: String,
) -> Answer<Turn> {
    let now = now();
    run(&state, move |s| s.add_turn_by(meeting_id, &speaker, who, &text, now)).await
}

#[tauri::command]
pub async fn add_note(
    state: State<'_, AppState>,
    meeting_id: i64,
    speaker: String,
    text: String,
    timed: bool,
) -> Answer<Turn> {
    let now = now();
    run(&state, move |s| s.add_note(meeting_id, &speaker, &text, timed, now)).await
}

#[tauri::command]
pub async fn save_draft(
    state: State<'_, AppState>,
    meeting_id: i64,
    speaker: String,
    text: String,
) -> Answer<Option<Draft>> {
    let now = now();
    // What is being typed is not yet the record, and what its first save ends (a timed note's
    // running time) is not on the chair's screen: no window needs telling. (Told, the chair's
    // screen fetched and redrew itself at every save, twice a second while the secretary types.)
    read(&state, move |s| s.save_draft(meeting_id, &speaker, &text, now)).await
}

/// Keeps what is typed in a field that saves when left (`value` null clears it).
#[tauri::command]
pub async fn save_field_draft(state: State<'_, AppState>, key: String, value: Option<String>) -> Answer<()> {
    let now = now();
    // Not a change of the record: no window needs telling.
    read(&state, move |s| s.save_field_draft(&key, value.as_deref(), now)).await
}

/// The unsaved fields of a screen, to put back after a crash.
#[tauri::command]
pub async fn list_field_drafts(state: State<'_, AppState>, scope: String) -> Answer<Vec<FieldDraft>> {
    read(&state, move |s| s.field_drafts(&scope)).await
}

#[tauri::command]
pub async fn get_draft(state: State<'_, AppState>, meeting_id: i64) -> Answer<Option<Draft>> {
    read(&state, move |s| s.draft(meeting_id)).await
}

#[tauri::command]
pub async fn get_transcript(state: State<'_, AppState>, meeting_id: i64) -> Answer<Vec<Turn>> {
    read(&state, move |s| s.transcript(meeting_id)).await
}

#[tauri::command]
pub async fn get_turn_versions(state: State<'_, AppState>, turn_id: i64) -> Answer<Vec<TurnVersion>> {
    read(&state, move |s| s.turn_versions(turn_id)).await
}

#[tauri::command]
pub async fn advance_agenda(state: State<'_, AppState>, meeting_id: i64) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.advance_agenda(meeting_id, now)).await
}

#[tauri::command]
pub async fn jump_agenda(state: State<'_, AppState>, meeting_id: i64, entry_id: i64) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.jump_agenda(meeting_id, entry_id, now)).await
}

#[tauri::command]
pub async fn edit_turn(
    state: State<'_, AppState>,
    turn_id: i64,
    speaker: String,
    text: String,
    agenda_entry_id: Option<i64>,
    requested_by: Option<String>,
) -> Answer<Turn> {
    let now = now();
    run(&state, move |s| s.correct_turn(turn_id, &speaker, &text, agenda_entry_id, requested_by.as_deref(), now)).await
}

#[tauri::command]
pub async fn delete_turn(state: State<'_, AppState>, turn_id: i64) -> Answer<Turn> {
    let now = now();
    run(&state, move |s| s.delete_turn(turn_id, now)).await
}

#[tauri::command]
pub async fn restore_turn(state: State<'_, AppState>, turn_id: i64) -> Answer<Turn> {
    let now = now();
    run(&state, move |s| s.restore_turn(turn_id, now)).await
}

#[tauri::command]
pub async fn search_turns(
    state: State<'_, AppState>,
    meeting_id: i64,
    query: String,
) -> Answer<Vec<shoki_core::search::TurnFound>> {
    read(&state, move |s| s.turns_found(meeting_id, &query)).await
}

/// One page of the archive's places holding the query's words, without the total, which the
/// window asks for after painting the page (`Store::search_archive_page`).
#[tauri::command]
pub async fn search_all(state: State<'_, AppState>, query: ArchiveQuery) -> Answer<Page> {
    // A new search, not the next page of this one (whose total is still being counted).
    if query.offset == 0 {
        stop_counting(&state);
    }
    read(&state, move |s| s.search_archive_page(&query)).await
}

/// The count of an earlier search, if one is under way, stopped: its answer would be dropped.
fn stop_counting(state: &State<'_, AppState>) {
    if let Some(stopper) = state.counting.lock().unwrap_or_else(|p| p.into_inner()).take() {
        stopper.stop();
    }
}

/// How many changes the search index's build has left (0: none under way; see lib.rs
/// `build_index`), for a window that opens while it runs.
#[tauri::command]
pub fn index_progress(state: State<'_, AppState>) -> i64 {
    state.index_progress.load(std::sync::atomic::Ordering::Relaxed)
}

/// How many places of the archive hold the query's words, asked after the page (`search_all`).
/// Counted on a connection of its own (`Store::counter`, made once the index is up to date),
/// without holding the store: a common word's count takes a fifth of a second with years of
/// meetings, and the next search or a turn being committed does not wait for it; a new search
/// stops it (the window drops an earlier search's count), the next page of the same one does not.
#[tauri::command]
pub async fn count_all(state: State<'_, AppState>, query: ArchiveQuery) -> Answer<i64> {
    stop_counting(&state);
    let counter = read(&state, |s| s.counter()).await?;
    *state.counting.lock().unwrap_or_else(|p| p.into_inner()) = Some(counter.stopper());
    tauri::async_runtime::spawn_blocking(move || counter.count(&query).map_err(CommandError::from))
        .await
        .map_err(internal)?
}

#[tauri::command]
pub async fn revert_turns(state: State<'_, AppState>, states: Vec<TurnState>) -> Answer<Vec<Turn>> {
    let now = now();
    run(&state, move |s| s.revert_turns(&states, now)).await
}

#[tauri::command]
pub async fn split_turn(state: State<'_, AppState>, turn_id: i64, at: usize) -> Answer<Vec<Turn>> {
    let now = now();
    run(&state, move |s| s.split_turn(turn_id, at, now)).await
}

#[tauri::command]
pub async fn merge_turn(state: State<'_, AppState>, turn_id: i64) -> Answer<Vec<Turn>> {
    let now = now();
    run(&state, move |s| s.merge_with_next(turn_id, now)).await
}

/// 休憩 (F4): the meeting goes into recess now. Errors as `Store::start_recess`.
#[tauri::command]
pub async fn start_recess(state: State<'_, AppState>, meeting_id: i64) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.start_recess(meeting_id, now)).await
}

/// 再開 (F4 again): the recess ends now. Errors as `Store::end_recess`.
#[tauri::command]
pub async fn end_recess(state: State<'_, AppState>, meeting_id: i64) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.end_recess(meeting_id, now)).await
}

/// Ctrl+Z after F4: the last 休憩 or 再開 taken back. Errors as `Store::take_back_recess`.
#[tauri::command]
pub async fn take_back_recess(state: State<'_, AppState>, meeting_id: i64) -> Answer<Meeting> {
    run(&state, move |s| s.take_back_recess(meeting_id)).await
}

#[tauri::command]
pub async fn fire_reminder(state: State<'_, AppState>, meeting_id: i64) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.fire_reminder(meeting_id, now)).await
}

#[tauri::command]
pub async fn acknowledge_reminder(state: State<'_, AppState>, reminder_id: i64) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.acknowledge_reminder(reminder_id, now)).await
}

#[tauri::command]
pub async fn list_phrases(state: State<'_, AppState>, meeting_id: i64) -> Answer<Vec<Phrase>> {
    read(&state, move |s| s.phrases(meeting_id)).await
}

#[tauri::command]
pub async fn add_phrase(
    state: State<'_, AppState>,
    meeting_id: i64,
    kind: String,
    key: String,
    text: String,
) -> Answer<Vec<Phrase>> {
    run(&state, move |s| s.add_phrase(meeting_id, &kind, &key, &text)).await
}

#[tauri::command]
pub async fn remove_phrase(state: State<'_, AppState>, meeting_id: i64, phrase_id: i64) -> Answer<Vec<Phrase>> {
    run(&state, move |s| s.remove_phrase(meeting_id, phrase_id)).await
}

#[tauri::command]
pub async fn preview_vote(state: State<'_, AppState>, meeting_id: i64, vote: VoteInput) -> Answer<Vote> {
    read(&state, move |s| s.preview_vote(meeting_id, &vote)).await
}

#[tauri::command]
pub async fn record_vote(
    state: State<'_, AppState>,
    meeting_id: i64,
    vote: VoteInput,
    with_notes: bool,
) -> Answer<Vote> {
    let now = now();
    run(&state, move |s| s.record_vote(meeting_id, &vote, with_notes, now)).await
}

#[tauri::command]
pub async fn update_vote(state: State<'_, AppState>, vote_id: i64, vote: VoteInput) -> Answer<Vote> {
    let now = now();
    run(&state, move |s| s.update_vote(vote_id, &vote, now)).await
}

#[tauri::command]
pub async fn delete_vote(state: State<'_, AppState>, vote_id: i64) -> Answer<Vote> {
    let now = now();
    run(&state, move |s| s.delete_vote(vote_id, now)).await
}

/// The one command the chair's window may call: it reads, never writes.
#[tauri::command]
pub async fn get_chair_view(state: State<'_, AppState>, meeting_id: Option<i64>) -> Answer<ChairView> {
    read(&state, move |s| s.chair_view(meeting_id)).await
}

/// Where the chair's screen went: on which monitor, whether full screen, and what to tell the
/// secretary.
#[derive(Serialize)]
pub struct ChairPlacement {
    monitor: Option<String>,
    fullscreen: bool,
    message: String,
}

/// The monitors the chair's screen can go to, by name, the secretary's own first.
#[tauri::command]
pub async fn list_monitors(app: tauri::AppHandle) -> Answer<Vec<String>> {
    let (own, others) = monitors(&app)?;
    Ok(own.into_iter().chain(others).map(|m| m.name).collect())
}

fn window_failed(e: tauri::Error) -> CommandError {
    CommandError {
        code: "WINDOW_FAILED",
        message: format!("議長画面を開けませんでした（{e}）。もう一度お試しください。"),
    }
}

/// One monitor as the secretary chooses it: its name on screen — 画面N (its place in the
/// system's list, from 1) with the system's model name and its size, so two monitors of one model
/// are told apart — its place in that list (GTK's monitor number), and the monitor itself.
struct NamedMonitor {
    name: String,
    number: i32,
    monitor: tauri::Monitor,
}

/// The monitors split into the secretary's own (the one the main window is on, if known) and the
/// others, in the system's order.
fn monitors(app: &tauri::AppHandle) -> Answer<(Option<NamedMonitor>, Vec<NamedMonitor>)> {
    let main = app.get_webview_window("main").and_then(|w| w.current_monitor().ok().flatten());
    let is_own =
        |m: &tauri::Monitor| main.as_ref().is_some_and(|o| o.position() == m.position() && o.size() == m.size());
    let mut own = None;
    let mut others = Vec::new();
    for (i, monitor) in app.available_monitors().map_err(window_failed)?.into_iter().enumerate() {
        let model = monitor.name().filter(|n| !n.is_empty()).map(|n| format!("{n}、")).unwrap_or_default();
        let size = monitor.size();
        let name = format!("画面{}（{model}{}×{}）", i + 1, size.width, size.height);
        let named = NamedMonitor { name, number: i as i32, monitor };
        if own.is_none() && is_own(&named.monitor) {
            own = Some(named);
        } else {
            others.push(named);
        }
    }
    Ok((own, others))
}

/// Why the chair's screen is not made full screen on a laptop with one monitor.
const ONE_MONITOR: &str = "モニターが1台のため、議長画面は全画面にしません（書記の画面が隠れるため）。";

/// Puts the chair's window full screen on monitor `number` (GTK's numbering, as `monitors`
/// gives it), or takes it out of full screen when `number` is `None`. Tauri's own full screen
/// fills whichever monitor the window happens to be on — on Wayland the compositor places new
/// windows, often beside the secretary's — so the monitor is named to GTK, on its thread.
fn chair_full_screen(app: &tauri::AppHandle, number: Option<i32>) -> Answer<()> {
    let handle = app.clone();
    app.run_on_main_thread(move || {
        let Some(chair) = handle.get_webview_window("chair") else { return };
        #[cfg(target_os = "linux")]
        if let Ok(window) = chair.gtk_window() {
            use gtk::prelude::{GtkWindowExt, WidgetExt};
            match (number, WidgetExt::screen(&window)) {
                // A window already shown is not moved by the compositor to another monitor's full
                // screen (Wayland): it is shown anew with the monitor named.
                (Some(n), Some(screen)) if window.is_visible() && !window.is_focus() => {
                    window.hide();
                    window.fullscreen_on_monitor(&screen, n);
                    window.show();
                }
                (Some(n), Some(screen)) => window.fullscreen_on_monitor(&screen, n),
                (Some(_), None) => window.fullscreen(),
                (None, _) => window.unfullscreen(),
            }
            return;
        }
        let _ = chair.set_fullscreen(number.is_some());
    })
    .map_err(window_failed)
}

/// Whether the chair's window fills a monitor, as GDK sees it (Tauri's own answer misses a full
/// screen set through GTK by `chair_full_screen`, and the window manager may end one itself).
fn chair_is_full_screen(app: &tauri::AppHandle) -> bool {
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = app.clone();
    let asked = app.run_on_main_thread(move || {
        let full = handle.get_webview_window("chair").is_some_and(|chair| {
            #[cfg(target_os = "linux")]
            if let Ok(window) = chair.gtk_window() {
                use gtk::prelude::WidgetExt;
                return window.window().is_some_and(|w| w.state().contains(gtk::gdk::WindowState::FULLSCREEN));
            }
            chair.is_fullscreen().unwrap_or(false)
        });
        let _ = tx.send(full);
    });
    asked.is_ok() && rx.recv_timeout(std::time::Duration::from_secs(2)).unwrap_or(false)
}

/// Opens the chair's screen without taking the keyboard from the secretary's input. It goes to
/// `monitor` (a name from `list_monitors`) when that is not the secretary's own, else to the first
/// other monitor there is, and fills it (a projector shows nothing else). On a laptop with one
/// monitor it is never made full screen (it would cover the secretary's window and take the
/// typing): it opens as a smaller window in the lower right. When the chair's screen is already
/// open, F10 (`fullscreen` false) only brings it up, never shrinks it; the full-screen button
/// (`fullscreen` true) switches it in and out of full screen.
///
/// Errors: `WINDOW_FAILED` when the system refuses the window.
#[tauri::command]
pub async fn open_chair_window(
    app: tauri::AppHandle,
    meeting_id: i64,
    fullscreen: bool,
    monitor: Option<String>,
) -> Answer<ChairPlacement> {
    let (own, others) = monitors(&app)?;
    let target = others.iter().find(|m| monitor.as_deref() == Some(m.name.as_str())).or_else(|| others.first());
    let placed = |full: bool, message: String| ChairPlacement {
        monitor: target.map(|m| m.name.clone()),
        fullscreen: full,
        message,
    };
    if let Some(chair) = app.get_webview_window("chair") {
        // Left open from another meeting (第1回 then 第2回 the same day): it turns to this one.
        chair
            .eval(format!(
                "if (new URLSearchParams(location.search).get('meeting') !== '{meeting_id}') location.search = '?meeting={meeting_id}';"
            ))
            .map_err(window_failed)?;
        let was_full = chair_is_full_screen(&app);
        let full = if fullscreen { !was_full && target.is_some() } else { was_full };
        if fullscreen {
            chair_full_screen(&app, target.filter(|_| full).map(|m| m.number))?;
        }
        chair.show().map_err(window_failed)?;
        let message = match (fullscreen, target) {
            (true, None) => ONE_MONITOR.to_string(),
            (true, Some(m)) if full => format!("議長画面を{}に全画面で表示しています。", m.name),
            (true, Some(_)) => "議長画面の全画面を解除しました。".to_string(),
            (false, _) => "議長画面を表示しています。".to_string(),
        };
        return Ok(placed(full, message));
    }
    let mut builder =
        WebviewWindowBuilder::new(&app, "chair", WebviewUrl::App(format!("chair.html?meeting={meeting_id}").into()))
            .title("議長画面 — 書記")
            .inner_size(1024.0, 700.0)
            .focused(false)
            .on_navigation(crate::is_own_page);
    match (target, own.as_ref()) {
        // Where the window manager honours it, the window starts on the chair's monitor already.
        (Some(m), _) => {
            let at = m.monitor.position().to_logical::<f64>(m.monitor.scale_factor());
            builder = builder.position(at.x + 20.0, at.y + 20.0);
        }
        // One monitor: a smaller window in the upper right corner, over the older turns and
        // away from the turn box at the bottom, where the secretary types (it can be moved; it
        // never takes the keyboard).
        (None, Some(m)) => {
            let scale = m.monitor.scale_factor();
            let size = m.monitor.size().to_logical::<f64>(scale);
            let at = m.monitor.position().to_logical::<f64>(scale);
            let (w, h) = ((size.width * 0.45).max(480.0), (size.height * 0.55).max(360.0));
            builder = builder.inner_size(w, h).position(at.x + size.width - w, at.y);
        }
        (None, None) => {}
    }
    let chair = builder.build().map_err(window_failed)?;
    crate::webview::configure(&chair);
    // Full screen on the chair's own monitor whenever there is one.
    if let Some(m) = target {
        chair_full_screen(&app, Some(m.number))?;
    }
    let message = match target {
        Some(m) => format!("議長画面を{}に表示しました。", m.name),
        None if fullscreen => ONE_MONITOR.to_string(),
        None => "議長画面を開きました。2台目のモニターをつなぐと、そちらに全画面で表示できます。".to_string(),
    };
    Ok(placed(target.is_some(), message))
}

#[tauri::command]
pub async fn get_document(state: State<'_, AppState>, meeting_id: i64, version: Option<Version>) -> Answer<Document> {
    read(&state, move |s| s.document_version(meeting_id, version.unwrap_or_default())).await
}

/// Writes the 会議録 to `path` (chosen in the save dialog, or typed). Reads the store only: the
/// document is built under the store's lock, which is then released, so a turn committed while a
/// slow stick is written is saved at once. The target passes `export_target` (extension, file name,
/// `check_target`) before anything is written; the answer is the path written.
#[tauri::command]
pub async fn export_meeting(
    state: State<'_, AppState>,
    meeting_id: i64,
    format: Format,
    path: String,
    version: Option<Version>,
) -> Answer<String> {
    let version = version.unwrap_or_default();
    // A PDF is the HTML print view, printed by WebKitGTK on the main thread (pdf.rs) to a
    // temporary file in the data folder, then written like every export.
    let bytes = match format {
        Format::Pdf => {
            let html =
                String::from_utf8(run(&state, move |s| s.render_version(meeting_id, Format::Html, version)).await?)
                    .expect("the HTML export is UTF-8");
            let app = state.app.get().cloned().ok_or_else(|| CommandError {
                code: "EXPORT_FAILED",
                message: "PDFを作る準備ができていません。もう一度お試しください。".into(),
            })?;
            render_pdf(&app, &state.data_dir, html).await?
        }
        _ => run(&state, move |s| s.render_version(meeting_id, format, version)).await?,
    };
    write_export(&state, path, format, bytes).await
}

/// Writes an export's `bytes` to `path` (the extension of `format` added when the typed name has
/// none) after `export_target`'s checks, off the async runtime and without the store's lock:
/// resolving links and writing wait for the stick. Answers the path written.
async fn write_export(state: &State<'_, AppState>, path: String, format: Format, bytes: Vec<u8>) -> Answer<String> {
    let dir = state.data_dir.clone();
    let written = tauri::async_runtime::spawn_blocking(move || {
        let target = export_target(Path::new(&path), &dir, format)?;
        write_safely(&target, &bytes).map(|()| target.display().to_string())
    });
    Ok(written.await.map_err(internal)??)
}

/// The PDF of `html`, printed by WebKitGTK on the main thread (`pdf::print`). Errors:
/// `EXPORT_FAILED` with WebKit's reason.
async fn render_pdf(app: &tauri::AppHandle, data_dir: &Path, html: String) -> Answer<Vec<u8>> {
    let (tx, rx) = std::sync::mpsc::channel();
    let dir = data_dir.to_path_buf();
    app.run_on_main_thread(move || {
        crate::pdf::print(&html, &dir, move |result| {
            let _ = tx.send(result);
        })
    })
    .map_err(internal)?;
    let result = tauri::async_runtime::spawn_blocking(move || {
        rx.recv_timeout(std::time::Duration::from_secs(120))
            .unwrap_or(Err("PDFを作るのに時間がかかりすぎました。".into()))
    })
    .await
    .map_err(internal)?;
    result.map_err(|message| CommandError { code: "EXPORT_FAILED", message })
}

/// Where the save dialog opens: a mounted removable drive when there is one, else the home folder.
#[tauri::command]
pub async fn suggest_export_dir() -> Answer<String> {
    let user = std::env::var("USER").unwrap_or_default();
    let roots = [format!("/media/{user}"), format!("/run/media/{user}"), "/media".to_string()];
    let stick = roots.iter().find_map(|root| {
        std::fs::read_dir(root).ok()?.flatten().map(|e| e.path()).find(|p| p.is_dir() && std::fs::read_dir(p).is_ok())
    });
    let home = std::env::var("HOME").unwrap_or_else(|_| ".".into());
    Ok(stick.map(|p| p.display().to_string()).unwrap_or(home))
}

#[tauri::command]
pub async fn mark_draft(state: State<'_, AppState>, meeting_id: i64) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.mark_draft(meeting_id, now)).await
}

#[tauri::command]
pub async fn finalize_meeting(state: State<'_, AppState>, meeting_id: i64) -> Answer<Meeting> {
    let now = now();
    step_then_backup(&state, "finalize", now, move |s| s.finalize_meeting(meeting_id, now)).await
}

#[tauri::command]
pub async fn reopen_meeting(state: State<'_, AppState>, meeting_id: i64, reason: String) -> Answer<Meeting> {
    let now = now();
    run(&state, move |s| s.reopen_meeting(meeting_id, &reason, now)).await
}

#[tauri::command]
pub async fn list_corrections(state: State<'_, AppState>, meeting_id: i64) -> Answer<Vec<Correction>> {
    read(&state, move |s| s.corrections_since_draft(meeting_id)).await
}

/// What the about panel shows: Shoki's version, where the data lives, how big the store is
/// (bytes, with its -wal), and the newest backup.
#[derive(Serialize)]
pub struct About {
    version: String,
    data_dir: String,
    store_bytes: u64,
    last_backup: Option<BackupInfo>,
}

/// この書記について: the version, the data folder, the store's size and the last backup. Reads
/// only files' metadata; works while the store cannot be opened.
#[tauri::command]
pub async fn about(state: State<'_, AppState>) -> Answer<About> {
    let dir = state.data_dir.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let store = Store::path(&dir);
        let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let mut wal = store.clone().into_os_string();
        wal.push("-wal");
        let last_backup = backup::list_backups(&dir)?.into_iter().next();
        Ok(About {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: dir.display().to_string(),
            store_bytes: size(&store) + size(Path::new(&wal)),
            last_backup,
        })
    })
    .await
    .map_err(internal)?
    .map_err(|e: shoki_core::Error| e.into())
}

/// Opens the data folder in the desktop's file manager (xdg-open): a local program, nothing
/// leaves the laptop. Errors: `OPEN_FAILED` when no file manager could be started.
#[tauri::command]
pub async fn open_data_folder(state: State<'_, AppState>) -> Answer<()> {
    let dir = state.data_dir.clone();
    std::process::Command::new("xdg-open").arg(&dir).spawn().map(|_| ()).map_err(|e| CommandError {
        code: "OPEN_FAILED",
        message: format!("フォルダを開けませんでした（{e}）。場所は {} です。", dir.display()),
    })
}

/// The backups in the data folder, newest first. Works while the store cannot be opened (damaged),
/// which is when they are needed most.
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Answer<Vec<BackupInfo>> {
    let dir = state.data_dir.clone();
    tauri::async_runtime::spawn_blocking(move || backup::list_backups(&dir))
        .await
        .map_err(internal)?
        .map_err(Into::into)
}

/// A backup asked for on the backups screen; answers its file name.
#[tauri::command]
pub async fn take_backup(state: State<'_, AppState>) -> Answer<String> {
    let (now, dir) = (now(), state.data_dir.clone());
    run(&state, move |s| s.take_backup(&dir, "manual", now)).await.map(|path| file_name(&path))
}

/// Puts the backup `name` back as the store: closes the store (the restore takes its lock), restores,
/// and opens whatever is then in place, so the window goes on with the restored record — or with
/// the store as it was if the restore was refused. Answers the folder where the replaced store is kept.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, name: String) -> Answer<String> {
    let (now, dir, store) = (now(), state.data_dir.clone(), state.store.clone());
    tauri::async_runtime::spawn_blocking(move || {
        let mut guard = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // A step's backup still reading the store keeps its close from folding in the -wal: the
        // store set aside would lack its last commits.
        backup::wait_for_step_backups();
        *guard =
            Err(CommandError { code: "STORE_FAILED", message: "記録ファイルを戻しています。".into() });
        let restored = backup::restore_backup(&dir, &name, now);
        *guard = crate::open_store(&dir).map_err(CommandError::from);
        let aside = restored?;
        guard.as_ref().map_err(Clone::clone)?;
        Ok(aside.display().to_string())
    })
    .await
    .map_err(internal)?
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        get_startup,
        load_sample,
        list_meetings,
        get_meeting,
        create_meeting,
        duplicate_meeting,
        delete_meeting,
        update_meeting,
        set_attendance,
        set_official_attending,
        add_material,
        update_material,
        remove_material,
        move_material,
        add_agenda_entry,
        rename_agenda_entry,
        remove_agenda_entry,
        move_agenda_entry,
        list_councils,
        create_council,
        update_council,
        list_format_presets,
        set_council_format,
        apply_format_preset,
        preview_format,
        export_council_format,
        import_council_format,
        add_member,
        update_member,
        remove_member,
        move_member,
        add_official,
        set_official_group,
        set_member_group,
        update_official,
        remove_official,
        move_official,
        open_meeting,
        close_meeting,
        record_attendance,
        correct_attendance,
        correct_meeting_person,
        suggest_speaker,
        add_turn,
        add_note,
        save_draft,
        get_draft,
        save_field_draft,
        list_field_drafts,
        get_transcript,
        get_turn_versions,
        advance_agenda,
        jump_agenda,
        edit_turn,
        delete_turn,
        restore_turn,
        revert_turns,
        search_turns,
        search_all,
        count_all,
        index_progress,
        split_turn,
        merge_turn,
        start_recess,
        end_recess,
        take_back_recess,
        fire_reminder,
        acknowledge_reminder,
        list_phrases,
        add_phrase,
        remove_phrase,
        preview_vote,
        record_vote,
        update_vote,
        delete_vote,
        get_chair_view,
        open_chair_window,
        list_monitors,
        get_document,
        export_meeting,
        suggest_export_dir,
        mark_draft,
        finalize_meeting,
        reopen_meeting,
        list_corrections,
        about,
        open_data_folder,
        list_backups,
        take_backup,
        restore_backup,
    ]
}
