//! The command-line face: the same binary, given arguments, works on the same store without a window.

use crate::data_dir;

const USAGE: &str = "使い方: shoki [list]
  (引数なし)  書記の画面を開きます
  list        会議の一覧を表示します
記録ファイルの場所: 環境変数 SHOKI_DATA_DIR、なければ ~/.local/share/jp.shoki.app";

pub fn run(args: &[String]) -> i32 {
    match args.first().map(String::as_str) {
        Some("list") => match shoki_core::Store::open(&data_dir()).and_then(|s| s.meetings()) {
            Ok(meetings) => {
                for m in meetings {
                    println!("{}\t{}\t{}\t{}", m.id, m.held_on, m.status.as_str(), m.title);
                }
                0
            }
            Err(e) => {
                eprintln!("shoki: {e}");
                1
            }
        },
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            0
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    }
}
