//! Writing an export to a USB stick so that it is either all there or not there at all: a
//! temporary file in the target folder, fsync, rename over the final name, fsync of the folder,
//! then a read-back compared byte for byte before anyone is told it is safe to remove the stick.
//! Before any of that, `check_target` refuses a target that could hurt the store (issue 7: an
//! export onto shoki.sqlite3, its -wal or shoki.lock destroyed or unlocked the record).

use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::error::{Error, Result};

/// What a write failure means for the secretary holding the stick.
pub fn explain(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::StorageFull => {
            "保存先の空きが足りません。別のUSBメモリを使うか、不要なファイルを消してからもう一度保存してください。"
                .into()
        }
        ErrorKind::ReadOnlyFilesystem => {
            "保存先が読み取り専用です。USBメモリの書き込み禁止スイッチを確かめるか、別の保存先を選んでください。".into()
        }
        ErrorKind::PermissionDenied => "保存先に書き込む権限がありません。別の保存先を選んでください。".into(),
        ErrorKind::NotFound => "保存先のフォルダが見つかりません。USBメモリが差さっているか確かめてください。".into(),
        // ENAMETOOLONG: a stick's names hold 255 bytes, about 85 Japanese characters.
        ErrorKind::InvalidFilename => {
            "ファイル名が長すぎます（日本語でおよそ85文字まで）。短い名前にして、もう一度保存してください。".into()
        }
        _ => format!("保存できませんでした（{e}）。USBメモリが抜けていないか確かめて、もう一度保存してください。"),
    }
}

/// Characters Windows (NTFS) and USB sticks (FAT, exFAT) refuse in a file name, with the
/// full-width form a Japanese name can use instead (Microsoft, "Naming Files, Paths, and
/// Namespaces"). `/` never reaches here: it separates folders.
const FORBIDDEN_IN_NAMES: &[(char, char)] =
    &[('\\', '＼'), (':', '：'), ('*', '＊'), ('?', '？'), ('"', '＂'), ('<', '＜'), ('>', '＞'), ('|', '｜')];

/// Names Windows keeps for devices, with or without an extension (CON.txt is the console too).
const RESERVED_NAMES: &[&str] = &["CON", "PRN", "AUX", "NUL"];

/// Decides whether `name` (a file name, no folder) can be written on a stick a council's Windows
/// PCs read: FAT/exFAT/NTFS refuse `\ : * ? " < > |` and control characters, drop a trailing dot
/// or space, and keep CON, PRN, AUX, NUL, COM0–9 and LPT0–9 (with any extension) for devices;
/// a name holds at most 255 bytes on Linux (about 85 Japanese characters). Refused with
/// `Error::Export` naming the character and the full-width form to use instead.
pub fn check_file_name(name: &str) -> Result<()> {
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(refused(&format!(
            "ファイル名に制御文字（U+{:04X}）が入っています。ファイル名を入力し直してください。",
            c as u32
        )));
    }
    // Invisible characters in a name make two files look alike or reorder how the name reads
    // (U+202E): bidi controls, zero-width characters, noncharacters.
    if let Some(c) = name.chars().find(|&c| {
        crate::validate::is_bidi_control(c)
            || crate::validate::is_ignorable(c)
            || crate::validate::is_forbidden(c)
            || matches!(c, '\u{2028}' | '\u{2029}')
    }) {
        return Err(refused(&format!(
            "ファイル名に見えない文字（U+{:04X}）が入っています。ファイル名を入力し直してください。",
            c as u32
        )));
    }
    if let Some((c, wide)) = name.chars().find_map(|c| FORBIDDEN_IN_NAMES.iter().find(|(f, _)| *f == c)) {
        return Err(refused(&format!(
            "ファイル名に「{c}」は使えません（WindowsやUSBメモリで使えない文字です）。全角の「{wide}」にするか、消してください。"
        )));
    }
    if name.ends_with(['.', ' ']) {
        return Err(refused(
            "ファイル名の最後に「.」や空白は使えません（Windowsでは消えてしまいます）。最後の「.」や空白を消してください。",
        ));
    }
    // Windows ignores trailing ASCII spaces only: 「CON .docx」 is the device, 「CON\u{3000}」 is not.
    let stem = name.split('.').next().unwrap_or("").trim_end_matches(' ').to_uppercase();
    if stem.is_empty() {
        return Err(refused(
            "ファイル名が「.」で始まっています（名前のないファイルになります）。名前を入れてください。",
        ));
    }
    // COM1…9 and LPT1…9, the superscript ¹²³ forms Windows also reserves, and CONIN$/CONOUT$.
    let device = RESERVED_NAMES.contains(&stem.as_str())
        || matches!(stem.as_str(), "CONIN$" | "CONOUT$")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.chars().count() == 4
            && stem.chars().nth(3).is_some_and(|d| d.is_ascii_digit() || "¹²³".contains(d)));
    if device {
        return Err(refused(&format!(
            "「{stem}」はWindowsが装置の名前として使うため、ファイル名にできません。別の名前にしてください。"
        )));
    }
    if name.len() > 255 {
        return Err(refused(&format!(
            "ファイル名が長すぎます（{}バイト、255バイトまで。日本語なら拡張子を含めておよそ83文字まで）。短い名前にして、もう一度保存してください。",
            name.len()
        )));
    }
    Ok(())
}

/// The path an export of `format` is written to: `path` with the format's extension added when
/// its name does not already end with it (「会議録」 → 「会議録.docx」; a PC opens a file by its
/// extension), then through `check_target` (which checks the name with `check_file_name`).
pub fn export_target(path: &Path, data_dir: &Path, format: super::Format) -> Result<PathBuf> {
    // The name as typed first: 「会議録.」 is refused for its dot, not saved as 「会議録..docx」.
    if let Some(name) = path.file_name() {
        check_file_name(&name.to_string_lossy())?;
    }
    let ext = format.extension();
    let has = path.extension().is_some_and(|e| {
        let e = e.to_string_lossy().to_ascii_lowercase();
        e == ext || (ext == "html" && e == "htm")
    });
    let ends_in_slash = path.as_os_str().to_string_lossy().ends_with('/');
    // A folder typed without its slash (/media/usb) is the folder, refused as such by
    // `check_target`, never a file named beside it (usb.docx).
    let is_folder = path.is_dir();
    let path = if has || ends_in_slash || is_folder || path.file_name().is_none() {
        path.to_path_buf()
    } else {
        let mut with = path.as_os_str().to_owned();
        with.push(format!(".{ext}"));
        PathBuf::from(with)
    };
    check_target(&path, data_dir)
}

fn failed(e: std::io::Error) -> Error {
    Error::Export(explain(&e))
}

fn refused(message: &str) -> Error {
    Error::Export(message.into())
}

/// Decides whether an export (or a copy made by `shoki backup --out`) may be written to `path`,
/// and answers the path to write: the target's real folder (links resolved) joined with its name.
///
/// `data_dir` is the folder that holds the store. Refused, each with its own Japanese reason
/// (`Error::Export`, code `EXPORT_FAILED`): a relative path (it would land wherever Shoki was
/// started); a path without a file name; anything inside the data folder once links are resolved
/// (the store, its -wal/-shm, shoki.lock, backups/, the folder itself); a path that names one of
/// the store's files through a hard link; an existing directory, FIFO, socket or device (a write
/// there blocks, vanishes or is not a file on a stick). A missing folder is explained as a missing
/// stick. Checked again at write time only by the OS: a folder swapped in between is not caught.
pub fn check_target(path: &Path, data_dir: &Path) -> Result<PathBuf> {
    if !path.is_absolute() {
        return Err(refused(
            "保存先はフォルダから指定してください（例：/media/ユーザー名/USBメモリ/会議録.docx）。「参照…」で選ぶこともできます。",
        ));
    }
    let name = match path.file_name() {
        Some(n) if !path.as_os_str().to_string_lossy().ends_with('/') => n,
        _ => return Err(refused("保存するファイル名まで指定してください（例：…/会議録.docx）。")),
    };
    check_file_name(&name.to_string_lossy())?;
    let parent = path.parent().unwrap_or(Path::new("/"));
    let folder = fs::canonicalize(parent).map_err(failed)?;
    if !folder.is_dir() {
        return Err(refused(
            "保存先のフォルダの名前が、フォルダではなくファイルを指しています。保存先を選び直してください。",
        ));
    }
    let target = folder.join(name);
    // The data folder as it really is; if it does not exist yet, as given (nothing is inside it).
    let data = fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let inside = || {
        Err(refused(
            "記録ファイルのフォルダ（書記のデータの置き場所）の中には書き出せません。記録ファイルやバックアップを上書きして壊すおそれがあります。USBメモリなど、別の場所を選んでください。",
        ))
    };
    if target.starts_with(&data) {
        return inside();
    }
    match fs::symlink_metadata(&target) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(target),
        Err(e) => return Err(failed(e)),
        Ok(_) => {}
    }
    // The target exists: judge what it really is (a link is followed to its end).
    let real = match fs::canonicalize(&target) {
        Ok(real) => real,
        // A link that points nowhere: the rename replaces the link itself, which is harmless.
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(target),
        Err(e) => return Err(failed(e)),
    };
    if real.starts_with(&data) {
        return inside();
    }
    let meta = fs::metadata(&real).map_err(failed)?;
    if meta.is_dir() {
        return Err(refused("その名前のフォルダがすでにあります。フォルダの中のファイル名まで指定してください。"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        let kind = meta.file_type();
        if kind.is_fifo() || kind.is_socket() || kind.is_char_device() || kind.is_block_device() {
            return Err(refused(
                "その名前はふつうのファイルではありません（装置や通信用の特別なファイルです）。USBメモリのフォルダの中に、新しいファイル名で保存してください。",
            ));
        }
        // A hard link to the store is the store under another name.
        let same = |file: &str| {
            fs::metadata(data_dir.join(file)).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
        };
        let store = crate::store::STORE_FILE;
        if [store, &format!("{store}-wal"), &format!("{store}-shm"), crate::store::LOCK_FILE].into_iter().any(same) {
            return inside();
        }
    }
    Ok(target)
}

/// A temporary name in `dir` that always fits (short, fixed length, whatever the target's name)
/// and is not shared by two writes of this process: `.shoki-<process id>-<n>.tmp`. Every
/// temporary file the app writes is named here (exports, backups, the PDF's print).
pub fn temporary_in(dir: &Path) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    dir.join(format!(".shoki-{}-{}.tmp", std::process::id(), N.fetch_add(1, Ordering::Relaxed)))
}

/// Writes `bytes` to `path` whole or not at all, then reads them back. `path` should come from
/// `check_target`. Errors are `Error::Export` with what to do with the stick; on every failure the
/// temporary file is removed, and a file that reads back different is removed too (it would be
/// a wrong copy passed around as the minutes).
pub fn write_safely(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::env::current_dir().map_err(failed)?,
    };
    if path.file_name().is_none() {
        return Err(refused("保存するファイル名まで指定してください（例：…/会議録.docx）。"));
    }
    if path.is_dir() {
        return Err(refused("その名前のフォルダがすでにあります。フォルダの中のファイル名まで指定してください。"));
    }
    let tmp = temporary_in(&dir);
    let written = (|| {
        // create_new: never write through something already lying under the temporary name.
        let mut file = File::options().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(failed(e));
    }
    // The rename itself must reach the stick too.
    File::open(&dir).and_then(|d| d.sync_all()).map_err(failed)?;
    match fs::read(path) {
        Ok(back) if back == bytes => Ok(()),
        Ok(_) => {
            let _ = fs::remove_file(path);
            Err(refused(
                "書き込んだ内容を読み戻すと一致しなかったため、そのファイルを消しました。USBメモリを確かめて、もう一度保存してください。",
            ))
        }
        Err(e) => Err(failed(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(tag: &str) -> PathBuf {
        // Kept: each test removes its folder at the end, and a failing one leaves it to look at.
        tempfile::Builder::new().prefix(&format!("shoki-write-{tag}-")).tempdir().unwrap().keep()
    }

    #[test]
    fn a_write_lands_whole_and_leaves_no_temporary_file() {
        let dir = temp("ok");
        let path = dir.join("会議録（案）.txt");
        write_safely(&path, "以 上\n".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "以 上\n");
        write_safely(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second", "an earlier copy is replaced whole");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary file is left behind");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_write_leaves_nothing_under_the_final_name() {
        let dir = temp("fail");
        let missing = dir.join("抜かれたUSB").join("会議録.txt");
        let err = write_safely(&missing, b"x").unwrap_err();
        assert_eq!(err.code(), "EXPORT_FAILED");
        assert!(err.to_string().contains("USBメモリが差さっているか"), "{err}");
        assert!(!missing.exists());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn full_and_read_only_sticks_are_explained() {
        assert!(explain(&ErrorKind::StorageFull.into()).contains("空きが足りません"));
        assert!(explain(&ErrorKind::ReadOnlyFilesystem.into()).contains("読み取り専用"));
    }

    /// A data folder with the store's files in it, and a stick beside it.
    fn data_and_stick(tag: &str) -> (PathBuf, PathBuf) {
        let root = temp(tag);
        let data = root.join("data");
        fs::create_dir_all(data.join("backups")).unwrap();
        for (file, bytes) in [
            ("shoki.sqlite3", &b"SQLite format 3\0 the record"[..]),
            ("shoki.sqlite3-wal", b"frames not yet folded in"),
            ("shoki.sqlite3-shm", b"index"),
            ("shoki.lock", b""),
            ("backups/shoki-20211213-140000-open.sqlite3", b"a backup"),
        ] {
            fs::write(data.join(file), bytes).unwrap();
        }
        let stick = root.join("stick");
        fs::create_dir_all(&stick).unwrap();
        (data, stick)
    }

    /// Every file under `dir` with its bytes, to show that nothing changed.
    fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                out.extend(contents(&p));
            } else {
                out.push((p.clone(), fs::read(&p).unwrap()));
            }
        }
        out.sort();
        out
    }

    fn refusal(path: &Path, data: &Path) -> String {
        let err = check_target(path, data).expect_err(&format!("{} must be refused", path.display()));
        assert_eq!(err.code(), "EXPORT_FAILED");
        err.to_string()
    }

    #[test]
    fn nothing_inside_the_data_folder_is_a_target() {
        let (data, stick) = data_and_stick("inside");
        let before = contents(&data);
        for name in ["", "shoki.sqlite3", "shoki.sqlite3-wal", "shoki.sqlite3-shm", "shoki.lock", "backups", "new.docx"]
        {
            let target = if name.is_empty() { data.clone() } else { data.join(name) };
            let why = refusal(&target, &data);
            assert!(why.contains("記録ファイルのフォルダ"), "{name}: {why}");
        }
        let why = refusal(&data.join("backups/shoki-20211213-140000-open.sqlite3"), &data);
        assert!(why.contains("記録ファイルのフォルダ"), "a backup is not a target: {why}");
        // The same through a link: to the store, and to the folder as the target's parent.
        std::os::unix::fs::symlink(data.join("shoki.sqlite3"), stick.join("会議録.docx")).unwrap();
        std::os::unix::fs::symlink(&data, stick.join("近道")).unwrap();
        for target in [stick.join("会議録.docx"), stick.join("近道/shoki.sqlite3-wal"), stick.join("近道/x.txt")]
        {
            assert!(refusal(&target, &data).contains("記録ファイルのフォルダ"), "{}", target.display());
        }
        // A hard link is the store under another name.
        fs::hard_link(data.join("shoki.sqlite3"), stick.join("写し.docx")).unwrap();
        assert!(refusal(&stick.join("写し.docx"), &data).contains("記録ファイルのフォルダ"));
        // And through `..` from outside.
        assert!(refusal(&stick.join("../data/shoki.lock"), &data).contains("記録ファイルのフォルダ"));
        assert_eq!(contents(&data), before, "a refusal changes nothing in the data folder");
        let _ = fs::remove_dir_all(data.parent().unwrap());
    }

    #[test]
    fn only_plain_files_are_targets() {
        let (data, stick) = data_and_stick("kinds");
        let fifo = stick.join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success(), "mkfifo is part of coreutils");
        assert!(refusal(&fifo, &data).contains("ふつうのファイルではありません"));
        assert!(refusal(Path::new("/dev/null"), &data).contains("ふつうのファイルではありません"));
        fs::create_dir(stick.join("議事")).unwrap();
        assert!(refusal(&stick.join("議事"), &data).contains("フォルダがすでにあります"));
        assert!(refusal(&stick.join("議事/"), &data).contains("ファイル名まで"));
        assert!(refusal(Path::new("会議録.docx"), &data).contains("フォルダから指定してください"));
        assert!(refusal(Path::new("./usb/会議録.docx"), &data).contains("フォルダから指定してください"));
        assert!(refusal(&stick.join("抜かれた/会議録.docx"), &data).contains("USBメモリが差さっているか"));
        let _ = fs::remove_dir_all(data.parent().unwrap());
    }

    #[test]
    fn a_plain_target_outside_is_accepted_as_its_real_path() {
        let (data, stick) = data_and_stick("ok");
        let target = check_target(&stick.join("会議録.docx"), &data).unwrap();
        assert_eq!(target, fs::canonicalize(&stick).unwrap().join("会議録.docx"));
        fs::write(&target, b"old").unwrap();
        assert_eq!(check_target(&stick.join("会議録.docx"), &data).unwrap(), target, "an earlier copy may be replaced");
        let _ = fs::remove_dir_all(data.parent().unwrap());
    }

    /// 250 bytes of Japanese is a legal name on a stick; the temporary name must fit beside it.
    #[test]
    fn a_long_legal_name_is_written() {
        let (data, stick) = data_and_stick("long");
        let name = format!("{}.txt", "議".repeat(82));
        assert!((240..=255).contains(&name.len()), "{} bytes", name.len());
        let target = check_target(&stick.join(&name), &data).unwrap();
        write_safely(&target, "以 上\n".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(stick.join(&name)).unwrap(), "以 上\n");
        assert_eq!(fs::read_dir(&stick).unwrap().count(), 1, "no temporary file is left behind");
        let _ = fs::remove_dir_all(data.parent().unwrap());
    }

    /// A name past the 255-byte limit: the (short) temporary file is written, the rename fails.
    #[test]
    fn a_failed_rename_leaves_no_temporary_file() {
        let dir = temp("rename");
        let too_long = dir.join(format!("{}.txt", "議".repeat(90)));
        let err = write_safely(&too_long, b"x").unwrap_err();
        assert!(err.to_string().contains("ファイル名が長すぎます"), "{err}");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 0, "the temporary file is removed");
        let _ = fs::remove_dir_all(&dir);
    }

    /// /dev/full answers every write with ENOSPC, as a full stick does.
    #[test]
    fn a_full_device_fails_clearly() {
        let mut f = File::options().write(true).open("/dev/full").unwrap();
        let e = f.write_all(&[0u8; 4096]).and_then(|_| f.sync_all()).unwrap_err();
        assert!(explain(&e).contains("空きが足りません"), "{e}");
    }

    /// Names that look harmless and are not: an invisible or reordering character, a name that
    /// is only an extension, the devices Windows reserves in their other spellings.
    #[test]
    fn names_that_hide_something_are_refused() {
        for name in ["会議録\u{202E}xcod.txt", "会\u{200B}議録.docx", ".docx", "COM¹.docx", "CONIN$.docx", "lpt².txt"]
        {
            assert!(check_file_name(name).is_err(), "{name:?} was accepted");
        }
        assert!(check_file_name("会議録（案）.docx").is_ok());
        let long = format!("{}.docx", "あ".repeat(84));
        let err = check_file_name(&long).unwrap_err();
        assert!(err.to_string().contains("257バイト"), "{err}");
    }

    #[test]
    fn every_invisible_character_is_refused_in_a_name() {
        for c in [
            '\u{2028}',
            '\u{00AD}',
            '\u{034F}',
            '\u{2061}',
            '\u{180E}',
            '\u{3164}',
            '\u{115F}',
            '\u{FFA0}',
            '\u{2800}',
            '\u{FE0F}',
            '\u{FFF9}',
            '\u{1D173}',
            '\u{E0041}',
        ] {
            assert!(check_file_name(&format!("会議録{c}.docx")).is_err(), "U+{:04X} was accepted", c as u32);
        }
        assert!(check_file_name("CON\u{3000}.docx").is_ok(), "Windows keeps a full-width space");
    }
}
