pub fn main_entry(_args: Vec<String>) -> i32 {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .run(tauri::generate_context!())
        .expect("error while running tauri application");
    0
}
