//! Declares the app's own commands so that tauri-build generates a permission for each and the
//! IPC is deny-by-default: a command not granted in capabilities/ cannot be called.

const COMMANDS: &[&str] = &[
    "get_startup",
    "load_sample",
    "list_meetings",
    "get_meeting",
    "create_meeting",
    "duplicate_meeting",
    "delete_meeting",
    "update_meeting",
    "set_attendance",
    "set_official_attending",
    "add_material",
    "update_material",
    "remove_material",
    "move_material",
    "add_agenda_entry",
    "rename_agenda_entry",
    "remove_agenda_entry",
    "move_agenda_entry",
    "list_councils",
    "create_council",
    "update_council",
    "add_member",
    "update_member",
    "remove_member",
    "move_member",
    "add_official",
    "update_official",
    "remove_official",
    "move_official",
    "open_meeting",
    "close_meeting",
    "record_attendance",
    "add_turn",
    "add_note",
    "save_draft",
    "get_draft",
    "get_transcript",
    "get_turn_versions",
    "advance_agenda",
    "jump_agenda",
    "edit_turn",
    "delete_turn",
    "restore_turn",
    "split_turn",
    "merge_turn",
    "fire_reminder",
    "acknowledge_reminder",
    "list_phrases",
    "add_phrase",
    "remove_phrase",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
