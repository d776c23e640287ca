//! Writing an export to a USB stick so that it is either all there or not there at all: a
//! temporary file in the target folder, fsync, rename over the final name, fsync of the folder,
//! then a read-back compared byte for byte before anyone is told it is safe to remove the stick.

use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::Path;

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
        _ => format!("保存できませんでした（{e}）。USBメモリが抜けていないか確かめて、もう一度保存してください。"),
    }
}

fn failed(e: std::io::Error) -> Error {
    Error::Export(explain(&e))
}

pub fn write_safely(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::env::current_dir().map_err(failed)?,
    };
    let name = path.file_name().ok_or_else(|| Error::Export("保存するファイル名を指定してください。".into()))?;
    if path.is_dir() {
        return Err(Error::Export("その名前のフォルダがすでにあります。別のファイル名を指定してください。".into()));
    }
    let tmp = dir.join(format!(".{}.shoki-{}.tmp", name.to_string_lossy(), std::process::id()));
    let written = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        // The rename itself must reach the stick too.
        File::open(&dir)?.sync_all()
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(failed(e));
    }
    match fs::read(path) {
        Ok(back) if back == bytes => Ok(()),
        Ok(_) => Err(Error::Export(
            "書き込んだ内容を読み戻すと一致しませんでした。USBメモリを確かめて、もう一度保存してください。".into(),
        )),
        Err(e) => Err(failed(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(tag: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("shoki-write-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
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

    /// /dev/full answers every write with ENOSPC, as a full stick does.
    #[test]
    fn a_full_device_fails_clearly() {
        let mut f = File::options().write(true).open("/dev/full").unwrap();
        let e = f.write_all(&[0u8; 4096]).and_then(|_| f.sync_all()).unwrap_err();
        assert!(explain(&e).contains("空きが足りません"), "{e}");
    }
}
